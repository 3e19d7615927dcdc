package com.example.visits.testsupport.scripts;

import java.util.List;
import java.util.Map;

/**
 * One call of a stub executable, as the stub recorded it: which command, from which directory, with which
 * arguments, and the values of the environment variables the sandbox was told to record.
 */
public record RecordedCall(String command, String workingDirectory, Map<String, String> environment,
                           List<String> arguments) {

    public RecordedCall {
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }

    /** The arguments joined by single spaces, handy for {@code contains}/{@code startsWith} assertions. */
    public String argumentLine() {
        return String.join(" ", arguments);
    }

    public boolean hasArgument(String argument) {
        return arguments.contains(argument);
    }

    /** The value following {@code option} (e.g. {@code valueOf("-l")}), or null when the option is absent. */
    public String valueOf(String option) {
        int index = arguments.indexOf(option);
        return index >= 0 && index + 1 < arguments.size() ? arguments.get(index + 1) : null;
    }

    /** The recorded value of an environment variable, or null when it was not set for this call. */
    public String environment(String name) {
        return environment.get(name);
    }

    @Override
    public String toString() {
        return command + " " + argumentLine() + (environment.isEmpty() ? "" : "   " + environment);
    }
}
