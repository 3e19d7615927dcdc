package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ProbeTarget;
import com.example.visits.testsupport.manifests.StandInApp;
import com.example.visits.testsupport.manifests.Violation;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProbesAreServedTest {

    /** Stands in for the running visit counter: liveness 200, readiness 503 (database not up yet). */
    private final StandInApp app = StandInApp.visitCounter();

    @AfterEach
    void stopApp() {
        app.close();
    }

    @Test
    void rejectsAPathTheRunningAppDoesNotServeAndAnUndeclaredPort() {
        HttpProbesAreServed rule = new HttpProbesAreServed(ProbeTarget.baseUrl(app.baseUrl()));

        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "app.yaml: Deployment \"visit-counter\", container \"visit-counter\": readinessProbe GET"
                        + " /health/readyness: the running app answered 404; a probe needs 2xx (or 503 while not"
                        + " ready): is the path spelled as the app serves it?",
                "app.yaml: Deployment \"visit-counter\", container \"visit-counter\": startupProbe port \"htp\" is"
                        + " not a port of this container (its ports: http=8080) (did you mean \"http\"?)");
    }

    @Test
    void acceptsTheGoodSetWhenTheAppServesItsPaths() {
        assertThat(new HttpProbesAreServed(app.probeTarget()).check(Fixtures.good())).isEmpty();
    }

    @Test
    void saysSoWhenTheAppCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpProbesAreServed rule = new HttpProbesAreServed(ProbeTarget.baseUrl("http://127.0.0.1:" + closedPort));

        assertThat(rule.check(Fixtures.good())).extracting(Violation::toString)
                .contains("visit-counter-deployment.yaml: Deployment \"visit-counter\", container \"visit-counter\":"
                        + " readinessProbe GET /health/readiness: could not ask the running app (GET"
                        + " http://127.0.0.1:" + closedPort + "/health/readiness failed: ConnectException): is it started,"
                        + " and is the base URL right?");
    }

    @Test
    void acceptsAnyFunctionAsTheRunningApp() {
        HttpProbesAreServed rule = new HttpProbesAreServed(path -> path.startsWith("/health/") ? 200 : 404);

        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
