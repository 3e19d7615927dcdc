package com.example.visits;

import java.time.Duration;
import java.time.Instant;

import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a learner sees while the Postgres pod is gone: quick 503s instead of hanging requests, the pod taken out of
 * the Service (readiness DOWN) but not restarted (liveness UP), and counting again as soon as the database is back.
 */
class DatabaseOutageTest {

    private PostgresServer postgres;

    @BeforeEach
    void startDatabase() {
        postgres = PostgresServer.launch();
    }

    @AfterEach
    void closeDatabase() {
        postgres.close();
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndCountsAgainWhenItIsBack() {
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment())) {
            assertThat(app.visit()).isEqualTo(1);

            postgres.stop();

            Instant start = Instant.now();
            var response = app.get("/");
            Duration answeredIn = Duration.between(start, Instant.now());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(answeredIn).isLessThan(Duration.ofSeconds(2));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"status\":503").doesNotContain("Exception", "\tat ");
            assertThat(app.get("/health").statusCode()).isEqualTo(503);
            assertThat(app.get("/health/readiness").statusCode()).isEqualTo(503);
            assertThat(app.get("/health/liveness").statusCode()).isEqualTo(200);
            System.out.printf("database down: GET / answered 503 in %d ms%n", answeredIn.toMillis());

            postgres.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> app.get("/").statusCode() == 200);
            assertThat(app.get("/health/readiness").statusCode()).isEqualTo(200);
            assertThat(app.isRunning()).isTrue();
        }
    }

    @Test
    void startsWhileTheDatabaseIsDownAndBecomesReadyWhenItComesUp() {
        postgres.stop();
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment())) {
            assertThat(app.get("/health/liveness").statusCode()).isEqualTo(200);
            assertThat(app.get("/health/readiness").statusCode()).isEqualTo(503);
            assertThat(app.get("/").statusCode()).isEqualTo(503);

            postgres.start();

            await().atMost(Duration.ofSeconds(15)).until(() -> app.get("/health/readiness").statusCode() == 200);
            assertThat(app.visit()).isEqualTo(1);
        }
    }
}
