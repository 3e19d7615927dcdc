package com.example.visits.testsupport.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The running app that HTTP probes will hit: answers the HTTP status for a path, as the kubelet would see it.
 * Rules ask the app itself rather than a list of paths, so a probe path the app does not serve is caught.
 */
@FunctionalInterface
public interface ProbeTarget {

    /**
     * The HTTP status of {@code GET path} on the running app.
     *
     * @throws UncheckedIOException when the app cannot be reached
     */
    int statusOf(String path);

    /** A running app at a base URL such as {@code http://127.0.0.1:8080} (no redirects followed). */
    static ProbeTarget baseUrl(String baseUrl) {
        return baseUrl(URI.create(baseUrl));
    }

    /** A running app at a base URL such as {@code http://127.0.0.1:8080} (no redirects followed). */
    static ProbeTarget baseUrl(URI baseUrl) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = baseUrl.toString().replaceAll("/+$", "");
        return path -> {
            URI uri = URI.create(base + (path.startsWith("/") ? path : "/" + path));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + uri + " failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking " + uri, e);
            }
        };
    }
}
