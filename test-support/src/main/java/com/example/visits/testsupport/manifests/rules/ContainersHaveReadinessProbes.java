package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * Every long-running container has a readiness probe, so a Service sends traffic only to pods that can answer.
 * (JKube adds the app's probes only in some setups: this catches probes that silently went missing.)
 */
public final class ContainersHaveReadinessProbes implements ManifestRule {

    @Override
    public String name() {
        return "containers-have-readiness-probes";
    }

    @Override
    public String description() {
        return "every container (not init containers) has a readinessProbe";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.podSpec().getContainers()) {
                if (container.getReadinessProbe() == null) {
                    violations.add(new Violation(Where.container(manifests, workload, container),
                            "has no readinessProbe: its Service would send requests before it can answer"
                                    + " (the app: httpGet on its readiness health path; Postgres: exec pg_isready)"));
                }
            }
        }
        return violations;
    }
}
