package com.example.visits.counter;

/** The body of {@code GET /}: {@code {"visits": N}}. */
public record Visits(long visits) {
}
