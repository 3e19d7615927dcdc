package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ResourcesAreSetTest {

    private final ManifestRule rule = new ResourcesAreSet();

    @Test
    void rejectsMissingRequestsAndLimitsInvalidQuantitiesAndRequestAboveLimit() {
        String where = "deployment.yaml: Deployment \"visit-counter\", container ";
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                where + "\"no-resources\": resources lack requests.cpu, requests.memory, limits.memory: requests let"
                        + " the scheduler place the pod, a memory limit keeps one pod from starving the node",
                where + "\"bad-quantities\": resources.limits.cpu \"2 cores\" is not a Kubernetes quantity (e.g. 256Mi,"
                        + " 1Gi, 500m, 0.5)",
                where + "\"bad-quantities\": resources.requests.memory 768Mi is more than limits.memory 512Mi (the API"
                        + " server rejects this)");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
