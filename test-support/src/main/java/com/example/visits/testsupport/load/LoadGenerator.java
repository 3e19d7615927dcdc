package com.example.visits.testsupport.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Sends a bounded number of requests from a fixed number of concurrent clients, spread round-robin over some
 * targets (the replicas behind a Service), and records every {@link Outcome}. Bounded in every way: the number of
 * requests, a timeout on each request, and {@link LoadRun#awaitCompletion(Duration)} on the whole run.
 *
 * <pre>{@code
 * try (LoadRun run = LoadGenerator.get(List.of(a.uri("/"), b.uri("/"))).requests(10_000).concurrency(32).start()) {
 *     LoadResult result = run.awaitCompletion(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
public final class LoadGenerator {

    /** Bodies are kept for the assertions, but a runaway body must not fill the heap. */
    public static final int MAX_BODY_CHARS = 4096;

    private final List<URI> targets;
    private int requests = 1_000;
    private int concurrency = 8;
    private Duration requestTimeout = Duration.ofSeconds(15);

    private LoadGenerator(List<URI> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("No target to send requests to");
        }
        this.targets = List.copyOf(targets);
    }

    /** {@code GET} requests to these URIs, taken in turn. */
    public static LoadGenerator get(List<URI> targets) {
        return new LoadGenerator(targets);
    }

    /** How many requests in all (an upper bound: {@link LoadRun#stop()} ends a run early). */
    public LoadGenerator requests(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1");
        }
        this.requests = requests;
        return this;
    }

    /** How many requests are under way at any time: one client thread each. */
    public LoadGenerator concurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.concurrency = concurrency;
        return this;
    }

    /** After this long without a complete answer a request is given up and recorded as {@link Outcome#NO_ANSWER}. */
    public LoadGenerator requestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout);
        return this;
    }

    /** Starts sending; the run goes on in the background until done, stopped or closed. */
    public LoadRun start() {
        HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        return new LoadRun(http, targets, requests, concurrency, requestTimeout);
    }
}
