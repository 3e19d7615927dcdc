package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ServiceSelectsOneWorkloadTest {

    private final ManifestRule rule = new ServiceSelectsOneWorkload();

    @Test
    void rejectsSelectorsMatchingTwoWorkloadsNoneOrNoSelector() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "services.yaml: Service \"visit-counter\": selector {app.kubernetes.io/part-of: visit-counter} matches"
                        + " the pods of Deployment \"visit-counter\" and Deployment \"postgres\": a Service must select"
                        + " exactly one workload (select a label only its pods carry, e.g. app.kubernetes.io/name)",
                "services.yaml: Service \"postgres\": selector {app.kubernetes.io/name: postgress} matches the pods of"
                        + " no workload; pod labels are: Deployment \"visit-counter\" {app.kubernetes.io/name:"
                        + " visit-counter, app.kubernetes.io/part-of: visit-counter}; Deployment \"postgres\""
                        + " {app.kubernetes.io/name: postgres, app.kubernetes.io/part-of: visit-counter}",
                "services.yaml: Service \"metrics\": has no spec.selector, so it sends traffic to no pods: select the"
                        + " pod labels of its workload, e.g. app.kubernetes.io/name: metrics");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
