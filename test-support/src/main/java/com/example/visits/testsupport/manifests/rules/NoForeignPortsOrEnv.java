package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * No container carries another workload's ports or env. JKube's controller enricher, left on, merged the app's
 * container ports (8080, 9779, 8778) and env into the Postgres container. Made checkable as:
 * <ul>
 *   <li>every container port is the target of a Service selecting its pods, or the port of one of its probes;</li>
 *   <li>an env var name set in containers of two different workloads must come, in both, from the same
 *       ConfigMap/Secret key (shared configuration), not be a copy.</li>
 * </ul>
 */
public final class NoForeignPortsOrEnv implements ManifestRule {

    @Override
    public String name() {
        return "no-foreign-ports-or-env";
    }

    @Override
    public String description() {
        return "no container carries another workload's ports or env: every container port is used by a Service"
                + " or probe, and an env var set in two workloads comes from the same ConfigMap/Secret key in both";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        checkPorts(manifests, violations);
        checkEnv(manifests, violations);
        return violations;
    }

    private static void checkPorts(Manifests manifests, List<Violation> violations) {
        for (Workload workload : manifests.workloads()) {
            List<Service> services = manifests.services().stream()
                    .filter(s -> s.getSpec() != null && workload.isSelectedBy(s.getSpec().getSelector())).toList();
            for (Container container : workload.allContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    boolean targeted = services.stream().anyMatch(s -> ServiceTargetPortsExist.targets(s, port));
                    boolean probed = Probes.of(container).values().stream()
                            .anyMatch(p -> Probes.port(p).filter(used -> Where.isPort(used, port)).isPresent());
                    if (!targeted && !probed) {
                        violations.add(new Violation(Where.container(manifests, workload, container), "port "
                                + port.getContainerPort() + (port.getName() == null ? "" : " (\"" + port.getName() + "\")")
                                + " is not used by any Service or probe: remove it, or if another workload's ports"
                                + " were merged in (JKube's controller enricher does that), keep that enricher off"));
                    }
                }
            }
        }
    }

    /** A container and its env var of one name. */
    private record Setting(Workload workload, Container container, Env.Entry entry) {
    }

    private static void checkEnv(Manifests manifests, List<Violation> violations) {
        Map<String, List<Setting>> byName = new LinkedHashMap<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.allContainers()) {
                Env.of(container, manifests).values().forEach(entry -> byName
                        .computeIfAbsent(entry.name(), name -> new ArrayList<>())
                        .add(new Setting(workload, container, entry)));
            }
        }
        byName.forEach((name, settings) -> {
            Setting first = settings.get(0);
            for (Setting other : settings) {
                boolean otherWorkload = !other.workload().equals(first.workload());
                boolean sameKey = first.entry().source() != null
                        && Objects.equals(first.entry().source(), other.entry().source());
                if (otherWorkload && !sameKey) {
                    violations.add(new Violation(Where.container(manifests, other.workload(), other.container()),
                            "env " + name + " is also set in " + first.workload().title() + ", container \""
                                    + first.container().getName() + "\": a container should not carry another"
                                    + " workload's env (JKube's controller enricher copies the app's env into every"
                                    + " Deployment); if both really need it, take it from the same ConfigMap/Secret key"));
                }
            }
        });
    }
}
