package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.visits.steps.testing.Reply;
import com.example.visits.steps.testing.RunningApp;
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
        try (var pod = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-a", postgres.dbEnvironment())) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.get("/health/readiness").status()).isEqualTo(200);

            postgres.kill();

            Instant asked = Instant.now();
            Reply visit = pod.get("/");
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(visit.status()).isEqualTo(503);
            assertThat(visit.contentType()).startsWith("application/problem+json");
            assertThat(visit.json().get("status").asInt()).isEqualTo(503);
            assertThat(visit.body()).doesNotContain("Exception");
            assertThat(pod.get("/health").status()).isEqualTo(503);
            assertThat(pod.get("/health/readiness").status()).isEqualTo(503);
            assertThat(pod.get("/health/liveness").status()).isEqualTo(200);

            postgres.start();

            // Same data directory (kill, not wipe): the count goes on.
            assertThat(pod.visitOnceServing(Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(pod.get("/health/readiness").status()).isEqualTo(200);
        }
    }

    @Test
    void startsBeforeTheDatabaseAndBecomesReadyWhenItComesUp() {
        postgres.stop();
        try (var pod = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-a", postgres.dbEnvironment())) {
            assertThat(pod.get("/health/liveness").status()).isEqualTo(200);
            assertThat(pod.get("/health/readiness").status()).isEqualTo(503);
            assertThat(pod.get("/").status()).isEqualTo(503);

            postgres.start();

            assertThat(pod.visitOnceServing(Duration.ofSeconds(15))).isEqualTo(1);
            assertThat(pod.get("/health/readiness").status()).isEqualTo(200);
        }
    }
}
