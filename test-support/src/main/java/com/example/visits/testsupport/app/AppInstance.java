package com.example.visits.testsupport.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running instance of an app on a free port, standing in for one replica (one pod) of a Deployment.
 * Settings are passed as command-line arguments, as a container's environment would set them, so that
 * {@code DB_HOST} and friends go through the same placeholders as in the cluster.
 */
public final class AppInstance implements AutoCloseable {

    private static final Pattern VISITS = Pattern.compile("\\{\\s*\"visits\"\\s*:\\s*(\\d+)\\s*}");

    private final String name;
    private final ConfigurableApplicationContext context;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts {@code application} as replica {@code name} with these settings (e.g. a database's DB_* variables). */
    public static AppInstance start(Class<?> application, String name, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("server.port", "0");
        all.put("visits.instance-name", name);
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        var context = new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
        return new AppInstance(name, context);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
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
    public long visit() {
        HttpResponse<String> response = get("/");
        if (response.statusCode() != 200) {
            throw new AssertionError(name + ": GET / answered " + response.statusCode() + " " + response.body());
        }
        return visits(response.body());
    }

    /** The N of a {@code {"visits": N}} body. */
    public static long visits(String body) {
        Matcher matcher = VISITS.matcher(body);
        if (!matcher.matches()) {
            throw new AssertionError("Expected {\"visits\": N} but got: " + body);
        }
        return Long.parseLong(matcher.group(1));
    }

    public boolean isRunning() {
        return context.isActive();
    }

    @Override
    public void close() {
        context.close();
    }
}
