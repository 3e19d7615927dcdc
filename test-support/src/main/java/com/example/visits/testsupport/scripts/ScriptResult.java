package com.example.visits.testsupport.scripts;

import java.util.List;
import java.util.function.Predicate;

/** What one script run left behind: its exit code, its output and the calls the stubs recorded during it. */
public record ScriptResult(int exitCode, String stdout, String stderr, List<RecordedCall> calls) {

    public ScriptResult {
        calls = List.copyOf(calls);
    }

    /** Standard output followed by standard error, for assertions that do not care which stream a line used. */
    public String output() {
        return stdout + stderr;
    }

    public List<RecordedCall> callsTo(String command) {
        return calls.stream().filter(call -> call.command().equals(command)).toList();
    }

    /** Calls of {@code command} whose argument line contains {@code fragment}. */
    public List<RecordedCall> callsTo(String command, String fragment) {
        return callsTo(command).stream().filter(call -> call.argumentLine().contains(fragment)).toList();
    }

    /** Position of the first call matching the predicate in the order the calls happened, or -1. */
    public int indexOf(Predicate<RecordedCall> predicate) {
        for (int i = 0; i < calls.size(); i++) {
            if (predicate.test(calls.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Position of the first call of {@code command} whose argument line contains {@code fragment}, or -1. */
    public int indexOf(String command, String fragment) {
        return indexOf(call -> call.command().equals(command) && call.argumentLine().contains(fragment));
    }

    /** Everything a failed assertion should show: exit code, both streams, the calls. */
    public String describe() {
        StringBuilder text = new StringBuilder("exit code ").append(exitCode).append('\n');
        text.append("---- stdout ----\n").append(stdout);
        text.append("---- stderr ----\n").append(stderr);
        text.append("---- calls ----\n");
        calls.forEach(call -> text.append(call).append('\n'));
        return text.toString();
    }
}
