package com.example.visits.testsupport.scripts;

/** A canned answer of a stub: what it prints on stdout and stderr, and its exit code. */
public record Answer(String stdout, String stderr, int exitCode) {

    public static Answer ok() {
        return new Answer("", "", 0);
    }

    public static Answer stdout(String text) {
        return new Answer(text, "", 0);
    }

    public static Answer failure(int exitCode, String stderr) {
        return new Answer("", stderr, exitCode);
    }

    public Answer withStdout(String text) {
        return new Answer(text, stderr, exitCode);
    }

    public Answer withStderr(String text) {
        return new Answer(stdout, text, exitCode);
    }

    public Answer withExitCode(int code) {
        return new Answer(stdout, stderr, code);
    }

    String toBash() {
        StringBuilder bash = new StringBuilder();
        if (!stdout.isEmpty()) {
            bash.append("printf '%s\\n' ").append(Bash.quote(stdout)).append("; ");
        }
        if (!stderr.isEmpty()) {
            bash.append("printf '%s\\n' ").append(Bash.quote(stderr)).append(" >&2; ");
        }
        return bash.append("exit ").append(exitCode).toString();
    }
}
