package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Replies;
import com.example.visits.testsupport.steps.StepManifests;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * Step 04's lesson: with its data on a PersistentVolumeClaim, PostgreSQL comes back from a deleted pod with every
 * visit counted, and the running app serves the next one without a restart.
 */
class PersistentVolumeTest {

    private static final String MOUNT_PATH = "/var/lib/postgresql/data";

    private final PostgresServer postgres = PostgresServer.launch();

    @AfterEach
    void removePostgres() {
        postgres.close();
    }

    @Test
    void theCountSurvivesThePostgresPodBeingDeleted() {
        try (var pod = startPod("visit-counter-pod-a")) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.visit()).isEqualTo(2);

            // kubectl delete pod -l app.kubernetes.io/name=postgres: the pod dies at once, the claim stays; the new
            // pod mounts the same volume and starts on the same data directory. The app pod keeps running.
            postgres.kill();
            postgres.start();

            assertThat(Replies.visitOnceServing(pod, Duration.ofSeconds(15))).isEqualTo(3);
            assertThat(pod.visit()).isEqualTo(4);
            assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void postgresKeepsItsDataOnTheClaim() {
        Manifests manifests = StepManifests.load();
        PersistentVolumeClaim claim = manifests.get(PersistentVolumeClaim.class, "postgres-data");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Gi"));
        assertThat(claim.getSpec().getStorageClassName()).as("the cluster's default storage class").isNull();

        Deployment deployment = manifests.get(Deployment.class, "postgres");
        var pod = deployment.getSpec().getTemplate().getSpec();
        Volume data = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst()
                .orElseThrow(() -> new AssertionError("postgres mounts no PersistentVolumeClaim"));
        assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo("postgres-data");

        var container = pod.getContainers().get(0);
        assertThat(container.getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(data.getName(), MOUNT_PATH));
        assertThat(container.getEnv()).filteredOn(variable -> variable.getName().equals("PGDATA"))
                .extracting(EnvVar::getValue).containsExactly(MOUNT_PATH + "/pgdata");
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    /** One app pod, configured with DB_* for this test's PostgreSQL, as the Deployment's env does. */
    private AppInstance startPod(String name) {
        return AppInstance.start(VisitCounterApplication.class, name, postgres.dbEnvironment());
    }
}
