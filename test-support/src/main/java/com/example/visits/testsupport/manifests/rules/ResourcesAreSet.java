package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every container says what it needs (requests: the scheduler places pods by them) and caps its memory (a limit:
 * one leaking pod cannot starve the node). Quantities must be valid and requests not above limits.
 */
public final class ResourcesAreSet implements ManifestRule {

    private static final List<String> REQUIRED = List.of("requests.cpu", "requests.memory", "limits.memory");

    @Override
    public String name() {
        return "resources-are-set";
    }

    @Override
    public String description() {
        return "every container sets requests.cpu, requests.memory and limits.memory, as valid quantities with"
                + " requests not above limits";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.allContainers()) {
                String where = Where.container(manifests, workload, container);
                ResourceRequirements resources = container.getResources() == null
                        ? new ResourceRequirements() : container.getResources();
                List<String> missing = REQUIRED.stream().filter(path -> quantity(resources, path) == null).toList();
                if (!missing.isEmpty()) {
                    violations.add(new Violation(where, "resources lack " + String.join(", ", missing)
                            + ": requests let the scheduler place the pod, a memory limit keeps one pod from"
                            + " starving the node"));
                }
                for (String path : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                    Quantity quantity = quantity(resources, path);
                    if (quantity != null && amount(quantity) == null) {
                        violations.add(new Violation(where, "resources." + path + " \"" + quantity
                                + "\" is not a Kubernetes quantity (e.g. 256Mi, 1Gi, 500m, 0.5)"));
                    }
                }
                for (String resource : List.of("cpu", "memory")) {
                    BigDecimal request = amount(quantity(resources, "requests." + resource));
                    BigDecimal limit = amount(quantity(resources, "limits." + resource));
                    if (request != null && limit != null && request.compareTo(limit) > 0) {
                        violations.add(new Violation(where, "resources.requests." + resource + " "
                                + quantity(resources, "requests." + resource) + " is more than limits." + resource + " "
                                + quantity(resources, "limits." + resource) + " (the API server rejects this)"));
                    }
                }
            }
        }
        return violations;
    }

    private static Quantity quantity(ResourceRequirements resources, String path) {
        Map<String, Quantity> group = path.startsWith("requests.") ? resources.getRequests() : resources.getLimits();
        return group == null ? null : group.get(path.substring(path.indexOf('.') + 1));
    }

    private static BigDecimal amount(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException invalid) {
            return null;
        }
    }
}
