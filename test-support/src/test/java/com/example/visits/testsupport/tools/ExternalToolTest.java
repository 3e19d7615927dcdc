package com.example.visits.testsupport.tools;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalToolTest {

    private static final ExternalTool MISSING = new ExternalTool("no-such-tool-for-the-workbook", "apt-get install it");

    @Test
    void aMissingToolSkipsTheTestWithTheInstallHint() {
        assertThat(MISSING.requiredHere()).isFalse();

        assertThatThrownBy(MISSING::require).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no-such-tool-for-the-workbook is not installed: apt-get install it");
    }

    @Test
    void anInstalledToolIsFoundOnThePath() {
        assertThat(new ExternalTool("bash", "").require()).isExecutable();
    }

    @Test
    void ciNamesTheToolsThatMustNotSkip() {
        assertThat(ExternalTool.required(" shellcheck, chromium ,")).containsExactlyInAnyOrder("shellcheck", "chromium");
        assertThat(ExternalTool.required(null)).isEmpty();
    }
}
