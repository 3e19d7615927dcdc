package com.example.visits.testsupport.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ManifestCheckerTest {

    private static final StandInApp APP = StandInApp.visitCounter();

    @AfterAll
    static void stopApp() {
        APP.close();
    }

    @Test
    void theGoodSetPassesEveryRule() {
        ManifestChecker checker = ManifestChecker.allRules(APP.probeTarget());

        CheckReport report = checker.check(Fixtures.good());

        report.assertNoViolations();
        assertThat(report.passedRules()).containsExactlyElementsOf(checker.rules());
        assertThat(report.summary()).contains("PASS images-are-pinned: every image has an explicit tag other than"
                + " latest, or a digest\n");
    }

    @Test
    void theGoodSetHoldsWhatTheContractNames() {
        Manifests good = Fixtures.good();

        assertThat(good.deployments()).extracting(d -> d.getMetadata().getName()).containsExactly("postgres", "visit-counter");
        assertThat(good.services()).extracting(s -> s.getMetadata().getName()).containsExactly("postgres", "visit-counter");
        assertThat(good.persistentVolumeClaims()).extracting(c -> c.getMetadata().getName()).containsExactly("postgres-data");
        assertThat(good.configMaps()).extracting(c -> c.getMetadata().getName()).containsExactly("db-config");
        assertThat(good.secrets()).extracting(s -> s.getMetadata().getName()).containsExactly("db-credentials");
        assertThat(good.networkPolicies()).extracting(n -> n.getMetadata().getName()).containsExactly("postgres-allow-app");
        assertThat(good.find("Service", "postgres")).isPresent();
    }

    /** How a module's test can show one line per rule in the test report. */
    @TestFactory
    Stream<DynamicTest> everyRuleAsItsOwnTest() {
        return ManifestChecker.allRules(APP.probeTarget()).check(Fixtures.good()).asDynamicTests();
    }

    @Test
    void aFailedCheckListsEveryViolationUnderItsRuleAndTheRulesThatPassed() {
        CheckReport report = ManifestChecker.allRules(APP.probeTarget())
                .check(Fixtures.brokenFor("images-are-pinned"));

        assertThat(report.failedRules()).extracting(ManifestRule::name).contains("images-are-pinned");
        assertThat(report.passedRules()).extracting(ManifestRule::name).contains("service-selects-one-workload");
        assertThatThrownBy(report::assertNoViolations)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FAIL images-are-pinned: every image has an explicit tag other than latest, or a"
                        + " digest\n       - deployments.yaml: Deployment \"postgres\", container \"postgres\": image"
                        + " \"postgres\" has no tag")
                .hasMessageContaining("PASS service-selects-one-workload");
    }

    @Test
    void rulesCanBeLeftOutByNameButNotByTypo() {
        ManifestChecker checker = ManifestChecker.allRules(APP.probeTarget()).without("images-are-pinned");

        assertThat(checker.rules()).extracting(ManifestRule::name).doesNotContain("images-are-pinned").hasSize(13);
        assertThat(checker.check(Fixtures.brokenFor("images-are-pinned")).violations())
                .noneMatch(v -> v.message().contains("has no tag"));
        assertThatThrownBy(() -> checker.without("images-are-pined"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no rule named images-are-pined");
    }
}
