package com.example.visits.testsupport.manifests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/** A tiny HTTP server on 127.0.0.1 that answers like the visit counter's health endpoints, for the probe rule. */
public final class StandInApp implements AutoCloseable {

    private final HttpServer server;

    private StandInApp(HttpServer server) {
        this.server = server;
    }

    /** Answers the given status per exact path, 404 for any other path. */
    public static StandInApp serving(Map<String, Integer> statusByPath) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                int status = statusByPath.getOrDefault(exchange.getRequestURI().getPath(), 404);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return new StandInApp(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The visit counter's health paths; readiness says 503 as when the database is still starting. */
    public static StandInApp visitCounter() {
        return serving(Map.of("/health", 200, "/health/liveness", 200, "/health/readiness", 503));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ProbeTarget probeTarget() {
        return ProbeTarget.baseUrl(baseUrl());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
