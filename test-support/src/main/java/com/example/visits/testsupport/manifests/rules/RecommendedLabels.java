package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kubernetes' recommended labels on every object and pod, so tools and people can tell what belongs together. */
public final class RecommendedLabels implements ManifestRule {

    /** The labels every object of the finished system must carry. */
    public static final List<String> REQUIRED = List.of(
            "app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of");

    private final List<String> required;

    /** Every label of {@link #REQUIRED}. */
    public RecommendedLabels() {
        this(REQUIRED);
    }

    /** Only these labels, e.g. {@code app.kubernetes.io/name} alone in the labs, where it is what selectors use. */
    public RecommendedLabels(List<String> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public String name() {
        return "recommended-labels";
    }

    @Override
    public String description() {
        return "every object and pod template carries the labels " + String.join(", ", required);
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (HasMetadata resource : manifests.all()) {
            List<String> missing = missing(resource.getMetadata().getLabels());
            if (!missing.isEmpty()) {
                violations.add(new Violation(manifests.describe(resource), "metadata.labels lack " + String.join(", ", missing)));
            }
        }
        for (Workload workload : manifests.workloads()) {
            List<String> missing = missing(workload.podLabels());
            if (!missing.isEmpty()) {
                violations.add(new Violation(manifests.describe(workload.resource()),
                        "pod template labels (spec.template.metadata.labels) lack " + String.join(", ", missing)));
            }
        }
        return violations;
    }

    private List<String> missing(Map<String, String> labels) {
        return required.stream().filter(key -> labels == null || labels.get(key) == null || labels.get(key).isBlank())
                .toList();
    }
}
