package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Suggestions;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code DB_HOST} is the name of a Service that leads to the Postgres pods, and {@code DB_PORT} that Service's
 * port: the app finds the database through the Service's DNS name, never a pod IP.
 */
public final class DatabaseEnvPointsAtPostgres implements ManifestRule {

    @Override
    public String name() {
        return "database-env-points-at-postgres";
    }

    @Override
    public String description() {
        return "DB_HOST names a Service that selects the Postgres pods (image postgres) and DB_PORT is its port";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Workload> postgres = manifests.workloads().stream().filter(DatabaseEnvPointsAtPostgres::runsPostgres).toList();
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.allContainers()) {
                Map<String, Env.Entry> env = Env.of(container, manifests);
                Env.Entry host = env.get("DB_HOST");
                if (host == null || host.value() == null) {
                    continue; // not a database client, or the value is not in the manifests (reported elsewhere)
                }
                String where = Where.container(manifests, workload, container);
                checkHost(manifests, postgres, host, env.get("DB_PORT"), where).ifPresent(violations::add);
            }
        }
        return violations;
    }

    private static Optional<Violation> checkHost(Manifests manifests, List<Workload> postgres, Env.Entry host,
            Env.Entry port, String where) {
        String serviceName = host.value().split("\\.", 2)[0]; // postgres.default.svc.cluster.local -> postgres
        String said = "DB_HOST is \"" + host.value() + "\"" + origin(host);
        List<String> services = manifests.services().stream().map(s -> s.getMetadata().getName()).toList();
        Optional<Service> service = manifests.find(Service.class, serviceName);
        if (service.isEmpty()) {
            return Optional.of(new Violation(where, said + ", but there is no Service \"" + serviceName + "\" (Services: "
                    + (services.isEmpty() ? "none" : String.join(", ", services)) + ")"
                    + Suggestions.didYouMean(serviceName, services)));
        }
        Map<String, String> selector = service.get().getSpec().getSelector();
        List<Workload> selected = ServiceSelectsOneWorkload.selectedWorkloads(manifests, selector);
        if (selected.stream().noneMatch(postgres::contains)) {
            return Optional.of(new Violation(where, said + ", but Service \"" + serviceName + "\" selects "
                    + (selected.isEmpty() ? "no pods" : selected.stream().map(Workload::title).collect(Collectors.joining(" and ")))
                    + ", not the Postgres pods (" + (postgres.isEmpty() ? "no workload runs image postgres"
                    : postgres.stream().map(Workload::title).collect(Collectors.joining(", "))) + ")"));
        }
        List<String> servicePorts = service.get().getSpec().getPorts().stream()
                .map(ServicePort::getPort).map(String::valueOf).toList();
        if (port == null) {
            return Optional.of(new Violation(where, "DB_HOST is set but DB_PORT is not: set DB_PORT to the port of"
                    + " Service \"" + serviceName + "\" (" + String.join(", ", servicePorts) + ")"));
        }
        if (port.value() != null && !servicePorts.contains(port.value().strip())) {
            return Optional.of(new Violation(where, "DB_PORT is \"" + port.value() + "\"" + origin(port)
                    + ", but Service \"" + serviceName + "\" listens on " + String.join(", ", servicePorts)));
        }
        return Optional.empty();
    }

    private static String origin(Env.Entry entry) {
        return entry.source() == null ? "" : " (from " + entry.source() + ")";
    }

    static boolean runsPostgres(Workload workload) {
        return workload.allContainers().stream().anyMatch(c -> Images.isPostgres(c.getImage()));
    }
}
