package com.example.visits.testsupport.manifests.rules;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A container's probes by field name, and the port each one knocks on. */
final class Probes {

    private Probes() {
    }

    /** {@code livenessProbe}, {@code readinessProbe}, {@code startupProbe}: those that are set. */
    static Map<String, Probe> of(Container container) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        if (container.getLivenessProbe() != null) {
            probes.put("livenessProbe", container.getLivenessProbe());
        }
        if (container.getReadinessProbe() != null) {
            probes.put("readinessProbe", container.getReadinessProbe());
        }
        if (container.getStartupProbe() != null) {
            probes.put("startupProbe", container.getStartupProbe());
        }
        return probes;
    }

    /** The port an httpGet, tcpSocket or grpc probe uses; empty for exec probes. */
    static Optional<IntOrString> port(Probe probe) {
        if (probe.getHttpGet() != null) {
            return Optional.ofNullable(probe.getHttpGet().getPort());
        }
        if (probe.getTcpSocket() != null) {
            return Optional.ofNullable(probe.getTcpSocket().getPort());
        }
        if (probe.getGrpc() != null && probe.getGrpc().getPort() != null) {
            return Optional.of(new IntOrString(probe.getGrpc().getPort()));
        }
        return Optional.empty();
    }
}
