package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A workload's own selector matches its pod template; the API server refuses the object otherwise. */
public final class WorkloadSelectorMatchesTemplate implements ManifestRule {

    @Override
    public String name() {
        return "workload-selector-matches-pods";
    }

    @Override
    public String description() {
        return "every Deployment/StatefulSet spec.selector matches the labels of its own pod template";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            LabelSelector selector = workload.selector();
            String where = manifests.describe(workload.resource());
            if (selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty())) {
                violations.add(new Violation(where, "has no spec.selector (apps/v1 requires one): add"
                        + " spec.selector.matchLabels with the pod template's app.kubernetes.io/name label"));
            } else if (!matches(selector, workload.podLabels())) {
                violations.add(new Violation(where, "spec.selector does not match its pod template labels "
                        + Where.labels(workload.podLabels()) + " (the API server rejects this):"
                        + " every matchLabels entry must be a template label"));
            }
        }
        return violations;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet())
                && selector.getMatchExpressions().stream().allMatch(e -> matches(e, labels));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
