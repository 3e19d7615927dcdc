package com.example.visits.testsupport.scripts;

import com.example.visits.testsupport.tools.ExternalTool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code shellcheck} (following sourced files, {@code -x}) on scripts. Where shellcheck is not installed the
 * calling test is skipped with the install hint, except in CI, which requires it (see {@link ExternalTool}).
 */
public final class ShellCheck {

    private ShellCheck() {
    }

    /** The findings, empty when every script is clean. Skips the test where shellcheck is missing (fails in CI). */
    public static Result check(Path workingDirectory, List<Path> scripts) {
        Path shellcheck = ExternalTool.SHELLCHECK.require();
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
