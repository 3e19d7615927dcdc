package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ContainersHaveReadinessProbesTest {

    private final ManifestRule rule = new ContainersHaveReadinessProbes();

    @Test
    void rejectsAContainerWithoutReadinessProbe() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "deployment.yaml: Deployment \"visit-counter\", container \"visit-counter\": has no readinessProbe:"
                        + " its Service would send requests before it can answer (the app: httpGet on its readiness"
                        + " health path; Postgres: exec pg_isready)");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
