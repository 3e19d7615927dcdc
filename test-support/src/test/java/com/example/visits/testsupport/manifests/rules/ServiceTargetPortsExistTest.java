package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ServiceTargetPortsExistTest {

    private final ManifestRule rule = new ServiceTargetPortsExist();

    @Test
    void rejectsAMisspelledPortNameAndAnUndeclaredNumber() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "app.yaml: Service \"visit-counter\": port 8080: targetPort \"htp\" is not a container port name of"
                        + " the pods it selects (Deployment \"visit-counter\" ports: http=8080) (did you mean \"http\"?)",
                "app.yaml: Service \"visit-counter\": port 8081: targetPort 8081 is not a container port of the pods"
                        + " it selects (Deployment \"visit-counter\" ports: http=8080)");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
