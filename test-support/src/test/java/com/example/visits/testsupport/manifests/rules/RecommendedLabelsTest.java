package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class RecommendedLabelsTest {

    private final ManifestRule rule = new RecommendedLabels();

    @Test
    void rejectsObjectsAndPodTemplatesWithoutTheLabels() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "objects.yaml: ConfigMap \"db-config\": metadata.labels lack app.kubernetes.io/component,"
                        + " app.kubernetes.io/part-of",
                "objects.yaml: Deployment \"postgres\": pod template labels (spec.template.metadata.labels) lack"
                        + " app.kubernetes.io/component, app.kubernetes.io/part-of");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
