package com.example.visits.testsupport.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a stub executable behaves once it has recorded its call: a bash body run with the call's arguments as
 * {@code "$@"}. Bodies may keep state between calls in the directory {@code $STUB_STATE}, and a stub that keeps
 * running in the background (a fake {@code kubectl port-forward}) should append its PID ({@code $$}) to the file
 * {@code $STUB_BACKGROUND_PIDS} so that {@link ScriptSandbox#close()} ends it.
 */
public final class Stub {

    private final String body;

    private Stub(String body) {
        this.body = body;
    }

    /** A stub whose behaviour is the given bash code. */
    public static Stub bash(String body) {
        return new Stub(body);
    }

    /** A stub whose behaviour is the bash file at {@code script} (its shebang line is ignored). */
    public static Stub fromFile(Path script) {
        try {
            return new Stub(Files.readString(script));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stub " + script, e);
        }
    }

    /** A stub that only records its call and succeeds silently. */
    public static Stub succeeding() {
        return new Stub("exit 0");
    }

    /** Canned answers chosen by matching the argument line ({@code "$*"}) against glob patterns, first match wins. */
    public static Rules answering() {
        return new Rules();
    }

    String body() {
        return body;
    }

    /** Canned answers by argument pattern; unmatched calls get {@link #otherwise(Answer)} (default: exit 0). */
    public static final class Rules {

        private final List<String> cases = new ArrayList<>();

        private Rules() {
        }

        /** {@code argumentGlob} is matched against all arguments joined by spaces, e.g. {@code "get pvc *"}. */
        public Rules when(String argumentGlob, Answer answer) {
            cases.add("  " + Bash.casePattern(argumentGlob) + ") " + answer.toBash() + " ;;");
            return this;
        }

        public Stub otherwise(Answer answer) {
            return new Stub("case \"$*\" in\n" + String.join("\n", cases) + "\n  *) " + answer.toBash() + " ;;\nesac\n");
        }

        public Stub otherwiseSucceed() {
            return otherwise(Answer.ok());
        }
    }
}
