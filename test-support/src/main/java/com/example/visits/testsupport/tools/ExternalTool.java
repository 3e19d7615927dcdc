package com.example.visits.testsupport.tools;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A program beyond the JDK that some tests need (shellcheck, Chromium). A learner's {@code ./mvnw verify} needs only
 * a JDK, so where the program is missing the test is skipped with a message saying how to install it. CI installs
 * every such program and lists it in the environment variable {@value #REQUIRED_TOOLS}: there a missing program fails
 * the test instead, so nothing is silently skipped in CI.
 */
public record ExternalTool(String command, String installHint) {

    /** Comma-separated commands that must be installed; {@code .ci/run} sets it. */
    public static final String REQUIRED_TOOLS = "WORKBOOK_REQUIRED_TOOLS";

    public static final ExternalTool SHELLCHECK = new ExternalTool("shellcheck",
            "apt-get install -y shellcheck (Debian/Ubuntu), brew install shellcheck (macOS)");

    public static final ExternalTool CHROMIUM = new ExternalTool("chromium",
            "apt-get install -y chromium chromium-driver (Debian/Ubuntu)");

    /** WebDriver's bridge to Chromium; Debian's package chromium-driver installs it. */
    public static final ExternalTool CHROMEDRIVER = new ExternalTool("chromedriver",
            "apt-get install -y chromium chromium-driver (Debian/Ubuntu)");

    /** The program's path; skips the calling test (fails it where CI requires the tool) when it is not installed. */
    public Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String message = command + " is not installed: " + installHint;
        if (requiredHere()) {
            throw new AssertionError(message + " (" + REQUIRED_TOOLS + " lists it, so this test must not skip)");
        }
        Assumptions.abort(message + "; the test is skipped");
        throw new IllegalStateException("unreachable");
    }

    public Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    boolean requiredHere() {
        return required(System.getenv(REQUIRED_TOOLS)).contains(command);
    }

    static Set<String> required(String setting) {
        if (setting == null) {
            return Set.of();
        }
        return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
