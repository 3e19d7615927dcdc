package com.example.visits.counter;

import java.util.Map;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The count lives in PostgreSQL, not in the app: any instance, old or new, goes on from where it stands. */
class VisitCounterTest {

    private final PostgresServer postgres = PostgresServer.shared();

    @BeforeEach
    void emptyDatabase() {
        postgres.recreateDatabase();
    }

    @Test
    void countsOneTwoThree() {
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment())) {
            assertThat(app.visit()).isEqualTo(1);
            assertThat(app.visit()).isEqualTo(2);
            assertThat(app.visit()).isEqualTo(3);
        }
    }

    @Test
    void answersJsonNamingTheReplica() {
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment())) {
            var response = app.get("/");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("X-Served-By")).hasValue("replica-a");
            assertThat(response.body()).isEqualTo("{\"visits\":1}");
        }
    }

    @Test
    void aNewInstanceGoesOnWithTheCount() {
        Map<String, String> database = postgres.dbEnvironment();
        try (var first = AppInstance.start(VisitCounterApplication.class, "replica-a", database)) {
            first.visit();
            first.visit();
        }
        try (var second = AppInstance.start(VisitCounterApplication.class, "replica-b", database)) {
            assertThat(second.visit()).isEqualTo(3);
        }
    }
}
