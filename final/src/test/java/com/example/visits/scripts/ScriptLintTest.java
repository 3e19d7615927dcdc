package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.ShellCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts as files: shellcheck-clean, strict, executable, and free of what macOS's bash 3.2 lacks. */
class ScriptLintTest {

    private static final List<Path> SCRIPTS = FakeCluster.SCRIPTS.stream().map(FakeCluster.REPO::resolve).toList();

    /** Bash 4+ features that macOS's /bin/bash 3.2 does not have (learners may run the scripts with it). */
    private static final List<Pattern> BASH_4_ONLY = List.of(
            Pattern.compile("\\bdeclare\\s+-[a-zA-Z]*[AnlLu]"), Pattern.compile("\\blocal\\s+-[a-zA-Z]*[Anlu]"),
            Pattern.compile("\\bmapfile\\b"), Pattern.compile("\\breadarray\\b"), Pattern.compile("\\bcoproc\\b"),
            Pattern.compile("\\$\\{[^}]*(,,|\\^\\^)"), Pattern.compile("\\|&"), Pattern.compile("&>>"),
            Pattern.compile("\\bwait\\s+-n\\b"), Pattern.compile("\\[\\[\\s+-v\\b"), Pattern.compile("\\$\\{[a-zA-Z_]+@[QEPAa]\\}"));

    @Test
    void shellcheckIsCleanOnEveryScript() {
        ShellCheck.Result result = ShellCheck.check(FakeCluster.REPO, SCRIPTS);

        assertThat(result.findings()).as("shellcheck -x findings").isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.sh", "stop.sh", "verify.sh"})
    void everyCommandIsExecutableAndStrict(String script) throws IOException {
        Path file = FakeCluster.REPO.resolve(script);

        assertThat(Files.isExecutable(file)).as(script + " is executable (git update-index --chmod=+x)").isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("#!/usr/bin/env bash");
        assertThat(lines).contains("set -euo pipefail");
    }

    /** The scripts speak of the project and the tools, never of how the project was made. */
    @Test
    void theScriptsSpeakOfTheProjectOnly() throws IOException {
        for (Path script : SCRIPTS) {
            assertThat(Files.readString(script)).as(script.getFileName().toString())
                    .doesNotContainIgnoringCase("seed").doesNotContain("CONTRACT.md");
        }
    }

    @Test
    void noScriptNeedsMoreThanBash32() throws IOException {
        for (Path script : SCRIPTS) {
            List<String> lines = Files.readAllLines(script);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceFirst("^\\s*#.*", "");
                for (Pattern bash4 : BASH_4_ONLY) {
                    assertThat(bash4.matcher(code).find())
                            .as("%s:%d uses a bash 4 feature (%s): %s", script.getFileName(), i + 1, bash4, lines.get(i))
                            .isFalse();
                }
            }
        }
    }
}
