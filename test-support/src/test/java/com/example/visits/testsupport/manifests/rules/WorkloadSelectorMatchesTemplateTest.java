package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class WorkloadSelectorMatchesTemplateTest {

    private final ManifestRule rule = new WorkloadSelectorMatchesTemplate();

    @Test
    void rejectsASelectorThatMissesItsPodsAndAMissingSelector() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "deployments.yaml: Deployment \"visit-counter\": spec.selector does not match its pod template labels"
                        + " {app.kubernetes.io/name: visit-countr} (the API server rejects this): every matchLabels"
                        + " entry must be a template label",
                "deployments.yaml: Deployment \"postgres\": has no spec.selector (apps/v1 requires one): add"
                        + " spec.selector.matchLabels with the pod template's app.kubernetes.io/name label");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
