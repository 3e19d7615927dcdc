package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Replies;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * Step 02's second lesson: PostgreSQL keeps its data inside its container, so when the Postgres pod is deleted
 * the Deployment starts a new one on an empty data directory, and the count starts again at 1.
 */
class PostgresPodRecreatedTest {

    private final PostgresServer postgres = PostgresServer.launch();

    @AfterEach
    void removePostgres() {
        postgres.close();
    }

    @Test
    void aRecreatedPostgresPodWithoutVolumeStartsTheCountAgain() {
        try (var pod = startPod("visit-counter-pod-a")) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.visit()).isEqualTo(2);

            // kubectl delete pod -l app.kubernetes.io/name=postgres: the container and its files are gone, the
            // Deployment starts a new pod that initialises an empty database. The app pod keeps running.
            postgres.kill();
            postgres.wipeData();
            postgres.start();

            assertThat(Replies.visitOnceServing(pod, Duration.ofSeconds(15))).isEqualTo(1);
            assertThat(pod.visit()).isEqualTo(2);
        }
    }

    /** One app pod, configured with DB_* for this test's PostgreSQL, as the Deployment's env does. */
    private AppInstance startPod(String name) {
        return AppInstance.start(VisitCounterApplication.class, name, postgres.dbEnvironment());
    }
}
