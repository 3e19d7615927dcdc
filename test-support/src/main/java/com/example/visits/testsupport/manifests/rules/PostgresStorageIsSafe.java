package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Three Postgres pitfalls with a volume. One data directory takes one server: a Postgres Deployment or StatefulSet
 * on a volume runs one replica (more would put several postmasters on one claim, or, with claim templates, several
 * unrelated databases behind one Service). A Deployment's RollingUpdate starts the new pod before the old one stops,
 * and the new pod waits for the ReadWriteOnce claim the old one holds: a Postgres Deployment with a claim uses
 * Recreate. (Recreate orders rollouts only: a deleted pod's replacement still starts while the old pod terminates,
 * which only a StatefulSet rules out; the finished system uses one, the labs keep the Deployment.) A fresh volume may
 * hold {@code lost+found} at its root, and initdb refuses a non-empty directory: PGDATA must be a subdirectory of
 * the mount.
 */
public final class PostgresStorageIsSafe implements ManifestRule {

    /** Where the postgres image keeps its data when PGDATA is not set. */
    static final String DEFAULT_PGDATA = "/var/lib/postgresql/data";

    @Override
    public String name() {
        return "postgres-storage-is-safe";
    }

    @Override
    public String description() {
        return "a Postgres Deployment or StatefulSet on a volume runs one replica, a Postgres Deployment with a"
                + " PersistentVolumeClaim uses strategy Recreate, and PGDATA is a subdirectory of its data volume's"
                + " mount path (not the mount itself, where lost+found may be)";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            if (!DatabaseEnvPointsAtPostgres.runsPostgres(workload)) {
                continue;
            }
            checkStrategy(manifests, workload, violations);
            Set<String> dataVolumes = dataVolumes(workload);
            checkReplicas(manifests, workload, dataVolumes, violations);
            for (Container container : workload.allContainers()) {
                if (Images.isPostgres(container.getImage())) {
                    checkPgdata(manifests, workload, container, dataVolumes, violations);
                }
            }
        }
        return violations;
    }

    private static void checkStrategy(Manifests manifests, Workload workload, List<Violation> violations) {
        List<String> claims = claims(workload);
        if (workload.resource() instanceof Deployment deployment && !claims.isEmpty()) {
            String type = deployment.getSpec().getStrategy() == null || deployment.getSpec().getStrategy().getType() == null
                    ? "RollingUpdate (the default)" : deployment.getSpec().getStrategy().getType();
            if (!type.equals("Recreate")) {
                violations.add(new Violation(manifests.describe(deployment), "mounts PersistentVolumeClaim "
                        + String.join(", ", claims) + " but uses strategy " + type + ": the new pod would wait for the"
                        + " ReadWriteOnce volume the old pod still holds; set spec.strategy.type: Recreate"));
            }
        }
    }

    private static void checkReplicas(Manifests manifests, Workload workload, Set<String> dataVolumes,
            List<Violation> violations) {
        Integer replicas = workload.resource() instanceof Deployment deployment ? deployment.getSpec().getReplicas()
                : workload.resource() instanceof StatefulSet statefulSet ? statefulSet.getSpec().getReplicas() : null;
        if (replicas == null || replicas <= 1 || dataVolumes.isEmpty()) {
            return; // one replica (1 is the default), a DaemonSet, or no data to share
        }
        List<String> claims = claims(workload);
        String what = claims.isEmpty()
                ? ": each pod would be a separate database with its own data behind the same Service, so every"
                        + " connection would see another count"
                : " on PersistentVolumeClaim " + String.join(", ", claims) + ": every pod would mount the same data"
                        + " directory (a ReadWriteOnce claim is shared by all pods on one node), and two postmasters on"
                        + " one data directory corrupt it";
        violations.add(new Violation(manifests.describe(workload.resource()), "runs " + replicas
                + " replicas of Postgres" + what + "; set spec.replicas: 1 (more replicas do not make a PostgreSQL"
                + " cluster: that needs replication, e.g. an operator)"));
    }

    private static List<String> claims(Workload workload) {
        return workload.podSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
    }

    private static void checkPgdata(Manifests manifests, Workload workload, Container container,
            Set<String> dataVolumes, List<Violation> violations) {
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .filter(m -> dataVolumes.contains(m.getName())).toList();
        Env.Entry pgdataEntry = Env.of(container, manifests).get("PGDATA");
        if (mounts.isEmpty() || (pgdataEntry != null && pgdataEntry.value() == null)) {
            return; // no data volume (data lives and dies with the pod), or PGDATA not known from the manifests
        }
        String pgdata = trim(pgdataEntry == null ? DEFAULT_PGDATA : pgdataEntry.value());
        String said = pgdataEntry == null ? "PGDATA is not set, so Postgres writes to " + pgdata : "PGDATA is " + pgdata;
        for (VolumeMount mount : mounts) {
            String mountPath = trim(mount.getMountPath());
            boolean subPath = mount.getSubPath() != null && !mount.getSubPath().isEmpty();
            if (pgdata.startsWith(mountPath + "/") || (pgdata.equals(mountPath) && subPath)) {
                return; // below the mount (or the mount is already a subdirectory of the volume)
            }
            if (pgdata.equals(mountPath)) {
                violations.add(new Violation(Where.container(manifests, workload, container), said
                        + ", the mount path of volume \"" + mount.getName() + "\" itself: a fresh volume may hold"
                        + " lost+found there and initdb refuses a non-empty directory; set PGDATA to a subdirectory,"
                        + " e.g. " + mountPath + "/pgdata"));
                return;
            }
        }
        violations.add(new Violation(Where.container(manifests, workload, container), said + ", which is not on its"
                + " data volume (mounted at " + mounts.stream().map(VolumeMount::getMountPath).collect(Collectors.joining(", "))
                + "): the data would be lost with the pod; set PGDATA to a subdirectory of the mount, e.g. "
                + trim(mounts.get(0).getMountPath()) + "/pgdata"));
    }

    /** Volumes that hold data: claims, emptyDir, hostPath, and a StatefulSet's claim templates. */
    private static Set<String> dataVolumes(Workload workload) {
        Set<String> names = new HashSet<>();
        for (Volume volume : workload.podSpec().getVolumes()) {
            if (volume.getPersistentVolumeClaim() != null || volume.getEmptyDir() != null || volume.getHostPath() != null) {
                names.add(volume.getName());
            }
        }
        if (workload.resource() instanceof StatefulSet statefulSet) {
            statefulSet.getSpec().getVolumeClaimTemplates().forEach(t -> names.add(t.getMetadata().getName()));
        }
        return names;
    }

    private static String trim(String path) {
        return path == null ? "" : path.strip().replaceAll("/+$", "");
    }
}
