package com.example.visits.testsupport.steps;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.visits.testsupport.app.RunningApp;

/** What the steps' tests read from an app's answers, and how they wait for an app to serve again. */
public final class Replies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Replies() {
    }

    /** Which instance (pod) answered. */
    public static String servedBy(HttpResponse<?> response) {
        return response.headers().firstValue("X-Served-By").orElse("");
    }

    public static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * Asks {@code GET /} until it answers 200, as a learner's curl does while a Postgres pod comes back: only 503
     * ("the database is not reachable") may come before. Returns the first count served.
     */
    public static long visitOnceServing(RunningApp app, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = app.get("/");
            if (response.statusCode() == 200) {
                return RunningApp.visits(response.body());
            }
            if (response.statusCode() != 503) {
                throw new AssertionError("Expected 200 or 503 while the database comes back, got "
                        + response.statusCode() + ": " + response.body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(app.name() + " still answers 503 after " + timeout + ": " + response.body());
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
