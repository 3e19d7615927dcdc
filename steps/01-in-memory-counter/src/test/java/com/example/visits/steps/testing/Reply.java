package com.example.visits.steps.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an HTTP request to a running app answered. */
public record Reply(int status, String contentType, String servedBy, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonNode json() {
        return JSON.readTree(body);
    }

    /** The N of a {@code {"visits": N}} body. */
    public long visits() {
        JsonNode visits = json().get("visits");
        if (visits == null || !visits.isIntegralNumber()) {
            throw new AssertionError("Expected {\"visits\": N}, got " + body);
        }
        return visits.longValue();
    }
}
