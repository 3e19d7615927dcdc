package com.example.visits.testsupport.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A load run under way: watch its progress, change its targets, stop it, and collect its {@link LoadResult}. */
public final class LoadRun implements AutoCloseable {

    private final HttpClient http;
    private final AtomicReference<List<URI>> targets;
    private final int requests;
    private final Duration requestTimeout;
    private final ExecutorService clients;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    LoadRun(HttpClient http, List<URI> targets, int requests, int concurrency, Duration requestTimeout) {
        this.http = http;
        this.targets = new AtomicReference<>(targets);
        this.requests = requests;
        this.requestTimeout = requestTimeout;
        AtomicInteger threads = new AtomicInteger();
        this.clients = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "load-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < concurrency; i++) {
            clients.execute(this::sendUntilDone);
        }
        clients.shutdown();
    }

    private void sendUntilDone() {
        while (!stopped) {
            int index = issued.getAndIncrement();
            if (index >= requests) {
                return;
            }
            List<URI> current = targets.get();
            outcomes.add(send(index, current.get(index % current.size())));
            completed.incrementAndGet();
        }
    }

    private Outcome send(int index, URI target) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(requestTimeout).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (body.length() > LoadGenerator.MAX_BODY_CHARS) {
                body = body.substring(0, LoadGenerator.MAX_BODY_CHARS);
            }
            return new Outcome(index, target, response.statusCode(), response.headers(), body, null, start,
                    System.nanoTime());
        }
        catch (IOException e) {
            return new Outcome(index, target, Outcome.NO_ANSWER, HttpHeaders.of(Map.of(), (name, value) -> true), "",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), start, System.nanoTime());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(index, target, Outcome.NO_ANSWER, HttpHeaders.of(Map.of(), (name, value) -> true), "",
                    "interrupted", start, System.nanoTime());
        }
    }

    /** How many requests have their outcome so far. */
    public int completed() {
        return completed.get();
    }

    /** Waits until at least {@code count} requests are complete (or the run is over); false on timeout. */
    public boolean awaitCompleted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed.get() < count && !clients.isTerminated()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** From the next request on, send to these targets instead (a replica left or joined the Service). */
    public void retarget(List<URI> newTargets) {
        if (newTargets.isEmpty()) {
            throw new IllegalArgumentException("No target to send requests to");
        }
        targets.set(List.copyOf(newTargets));
    }

    /** Sends no new request; those under way still finish. */
    public void stop() {
        stopped = true;
    }

    /**
     * Waits for the run to end (all requests sent, or {@link #stop()}ped) and returns every outcome.
     *
     * @throws IllegalStateException if it does not end within {@code timeout}
     */
    public LoadResult awaitCompletion(Duration timeout) throws InterruptedException {
        if (!clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            throw new IllegalStateException("The load run did not end within " + timeout + ": " + completed()
                    + " of " + requests + " requests complete");
        }
        return result();
    }

    /** The outcomes so far, in order of their request's number. */
    public LoadResult result() {
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new LoadResult(sorted);
    }

    /** Stops the run and abandons requests still under way. */
    @Override
    public void close() {
        stop();
        clients.shutdownNow();
    }
}
