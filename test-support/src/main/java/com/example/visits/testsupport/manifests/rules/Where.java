package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Suggestions;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** How rule messages name places and values, the same way in every rule. */
final class Where {

    private Where() {
    }

    /** {@code deployment.yaml: Deployment "postgres", container "postgres"}. */
    static String container(Manifests manifests, Workload workload, Container container) {
        return manifests.describe(workload.resource()) + ", container \"" + container.getName() + "\"";
    }

    /** {@code {app.kubernetes.io/name: postgres, app: postgres}}. */
    static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** {@code http=8080, 9779}: the ports a container declares. */
    static String ports(Container container) {
        return container.getPorts().isEmpty() ? "none" : container.getPorts().stream()
                .map(p -> (p.getName() == null ? "" : p.getName() + "=") + p.getContainerPort())
                .collect(Collectors.joining(", "));
    }

    /** {@code "http"} for a named port, {@code 8080} for a number. */
    static String port(IntOrString port) {
        return port.getStrVal() != null ? "\"" + port.getStrVal() + "\"" : String.valueOf(port.getIntVal());
    }

    /** {@code  (did you mean "http"?)} for a misspelled port name, else empty. */
    static String portNameSuggestion(IntOrString port, List<Container> containers) {
        if (port.getStrVal() == null) {
            return "";
        }
        List<String> names = containers.stream().flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getName).filter(Objects::nonNull).toList();
        return Suggestions.didYouMean(port.getStrVal(), names);
    }

    /** Whether a Service targetPort or probe port (name or number) means this container port. */
    static boolean isPort(IntOrString port, ContainerPort containerPort) {
        return port.getStrVal() != null
                ? port.getStrVal().equals(containerPort.getName())
                : port.getIntVal() != null && port.getIntVal().equals(containerPort.getContainerPort());
    }
}
