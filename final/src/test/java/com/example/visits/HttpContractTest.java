package com.example.visits;

import java.net.http.HttpRequest;

import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Anything but GET / and the health endpoints: a small JSON answer, never a stack trace, never a count. */
class HttpContractTest {

    private static AppInstance app;

    @BeforeAll
    static void startApp() {
        app = AppInstance.start(VisitCounterApplication.class, "replica-a", PostgresServer.shared().dbEnvironment());
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void unknownPathIs404Json() {
        var response = app.get("/visits/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void postIs405() {
        var response = app.send(HttpRequest.newBuilder(app.uri("/")).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void healthIsUpWithItsDatabase() {
        var response = app.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"", "\"db\"", "\"schema\"");
    }
}
