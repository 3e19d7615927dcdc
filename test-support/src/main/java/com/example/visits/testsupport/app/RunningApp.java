package com.example.visits.testsupport.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running app, in this JVM ({@link AppInstance}) or in its own ({@link AppProcess}), and how to talk to it. */
public interface RunningApp extends AutoCloseable {

    /** The replica's name: what it answers in {@code X-Served-By}. */
    String name();

    int port();

    @Override
    void close();

    default URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    default HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    default HttpResponse<String> send(HttpRequest request) {
        try {
            return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /}, requiring 200, and the count from its {@code {"visits": N}} body. */
    default long visit() {
        HttpResponse<String> response = get("/");
        if (response.statusCode() != 200) {
            throw new AssertionError(name() + ": GET / answered " + response.statusCode() + " " + response.body());
        }
        return visits(response.body());
    }

    /** The N of a {@code {"visits": N}} body. */
    static long visits(String body) {
        Matcher matcher = Http.VISITS.matcher(body);
        if (!matcher.matches()) {
            throw new AssertionError("Expected {\"visits\": N} but got: " + body);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** One client for every app: it is thread-safe and keeps connections open. */
    final class Http {

        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        static final Pattern VISITS = Pattern.compile("\\{\\s*\"visits\"\\s*:\\s*(\\d+)\\s*}");

        private Http() {
        }
    }
}
