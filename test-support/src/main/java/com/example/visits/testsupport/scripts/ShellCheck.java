package com.example.visits.testsupport.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code shellcheck} (following sourced files, {@code -x}) on scripts. A missing shellcheck is an error, never
 * a reason to skip: CI installs it, and a developer must too.
 */
public final class ShellCheck {

    public static final String INSTALL_HINT =
            "shellcheck is not installed: apt-get install -y shellcheck (Debian/Ubuntu), brew install shellcheck (macOS)";

    private ShellCheck() {
    }

    /** The findings, empty when every script is clean. Throws AssertionError when shellcheck is not installed. */
    public static Result check(Path workingDirectory, List<Path> scripts) {
        Path shellcheck = ScriptSandbox.findOnSystemPath("shellcheck")
                .orElseThrow(() -> new AssertionError(INSTALL_HINT));
        List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "-x", "--format=gcc"));
        scripts.forEach(script -> command.add(script.toString()));
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, String findings) {
        public boolean clean() {
            return exitCode == 0 && findings.isBlank();
        }
    }
}
