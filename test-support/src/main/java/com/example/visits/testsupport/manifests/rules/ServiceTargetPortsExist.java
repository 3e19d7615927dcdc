package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every Service port leads to a port the selected containers declare (by name or by number). */
public final class ServiceTargetPortsExist implements ManifestRule {

    @Override
    public String name() {
        return "service-target-ports-exist";
    }

    @Override
    public String description() {
        return "every Service targetPort (number or name) is a container port of the pods it selects";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Service service : manifests.services()) {
            if (service.getSpec() == null || service.getSpec().getSelector() == null) {
                continue;
            }
            List<Workload> selected = ServiceSelectsOneWorkload.selectedWorkloads(manifests, service.getSpec().getSelector());
            if (selected.isEmpty()) {
                continue; // service-selects-one-workload reports it
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = targetOf(port);
                boolean found = selected.stream().flatMap(w -> w.podSpec().getContainers().stream())
                        .flatMap(c -> c.getPorts().stream()).anyMatch(p -> Where.isPort(target, p));
                if (!found) {
                    violations.add(new Violation(manifests.describe(service), "port " + port.getPort()
                            + ": targetPort " + Where.port(target) + " is not a container port "
                            + (target.getStrVal() != null ? "name " : "") + "of the pods it selects ("
                            + selected.stream().map(w -> w.title() + " ports: " + w.podSpec().getContainers().stream()
                                    .map(Where::ports).collect(Collectors.joining(", ")))
                                    .collect(Collectors.joining("; ")) + ")"
                            + Where.portNameSuggestion(target, selected.stream()
                                    .flatMap(w -> w.podSpec().getContainers().stream()).toList())));
                }
            }
        }
        return violations;
    }

    /** The targetPort, or the port itself when targetPort is left out (as Kubernetes defaults it). */
    static IntOrString targetOf(ServicePort port) {
        return port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
    }

    /** Whether any port of the Service leads to this container port. */
    static boolean targets(Service service, ContainerPort port) {
        return service.getSpec() != null
                && service.getSpec().getPorts().stream().anyMatch(p -> Where.isPort(targetOf(p), port));
    }
}
