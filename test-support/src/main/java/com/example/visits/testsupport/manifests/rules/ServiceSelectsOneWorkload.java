package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every Service selects the pods of exactly one workload. A selector shared by the app and Postgres (e.g. only
 * {@code app.kubernetes.io/part-of}) would send database traffic to the app, or web traffic to Postgres.
 */
public final class ServiceSelectsOneWorkload implements ManifestRule {

    @Override
    public String name() {
        return "service-selects-one-workload";
    }

    @Override
    public String description() {
        return "every Service selector matches the pod labels of exactly one Deployment/StatefulSet";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Service service : manifests.services()) {
            if (service.getSpec() != null && "ExternalName".equals(service.getSpec().getType())) {
                continue; // points at a DNS name, selects no pods by design
            }
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            String where = manifests.describe(service);
            if (selector == null || selector.isEmpty()) {
                violations.add(new Violation(where, "has no spec.selector, so it sends traffic to no pods: select"
                        + " the pod labels of its workload, e.g. app.kubernetes.io/name: " + service.getMetadata().getName()));
                continue;
            }
            List<Workload> selected = selectedWorkloads(manifests, selector);
            if (selected.isEmpty()) {
                violations.add(new Violation(where, "selector " + Where.labels(selector) + " matches the pods of no"
                        + " workload; pod labels are: " + manifests.workloads().stream()
                        .map(w -> w.title() + " " + Where.labels(w.podLabels())).collect(Collectors.joining("; "))));
            } else if (selected.size() > 1) {
                violations.add(new Violation(where, "selector " + Where.labels(selector) + " matches the pods of "
                        + selected.stream().map(Workload::title).collect(Collectors.joining(" and "))
                        + ": a Service must select exactly one workload (select a label only its pods carry,"
                        + " e.g. app.kubernetes.io/name)"));
            }
        }
        return violations;
    }

    /** The workloads whose pods a Service selector matches. */
    static List<Workload> selectedWorkloads(Manifests manifests, Map<String, String> selector) {
        return manifests.workloads().stream().filter(w -> w.isSelectedBy(selector)).toList();
    }
}
