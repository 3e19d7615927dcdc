package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Replies;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * While PostgreSQL is away the app stays alive and says so: 503 with a short JSON body, readiness DOWN (the
 * Service stops sending it traffic), liveness UP (Kubernetes does not restart it). It serves again as soon as
 * PostgreSQL is back, without a restart, also when it started before PostgreSQL (no crash loop).
 */
class DatabaseDownTest {

    private final PostgresServer postgres = PostgresServer.launch();

    @AfterEach
    void removePostgres() {
        postgres.close();
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndServesAgainWhenItIsBack() {
        try (var pod = startPod("visit-counter-pod-a")) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(200);

            postgres.kill();

            Instant asked = Instant.now();
            HttpResponse<String> visit = pod.get("/");
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(visit.statusCode()).isEqualTo(503);
            assertThat(Replies.contentType(visit)).startsWith("application/problem+json");
            assertThat(Replies.json(visit).get("status").asInt()).isEqualTo(503);
            assertThat(visit.body()).doesNotContain("Exception");
            assertThat(pod.get("/health").statusCode()).isEqualTo(503);
            assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(503);
            assertThat(pod.get("/health/liveness").statusCode()).isEqualTo(200);

            postgres.start();

            // Same data directory (kill, not wipe): the count goes on.
            assertThat(Replies.visitOnceServing(pod, Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void startsBeforeTheDatabaseAndBecomesReadyWhenItComesUp() {
        postgres.stop();
        try (var pod = startPod("visit-counter-pod-a")) {
            assertThat(pod.get("/health/liveness").statusCode()).isEqualTo(200);
            assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(503);
            assertThat(pod.get("/").statusCode()).isEqualTo(503);

            postgres.start();

            assertThat(Replies.visitOnceServing(pod, Duration.ofSeconds(15))).isEqualTo(1);
            assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    /** One app pod, configured with DB_* for this test's PostgreSQL, as the Deployment's env does. */
    private AppInstance startPod(String name) {
        return AppInstance.start(VisitCounterApplication.class, name, postgres.dbEnvironment());
    }
}
