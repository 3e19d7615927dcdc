package com.example.visits.steps.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of a step's app, as one pod runs it: its own Spring context and web server on a free port, named
 * like a pod (the {@code X-Served-By} header). Several can run side by side in one test, like replicas.
 * Settings are passed as command-line arguments, so they win over the machine's environment variables: a test
 * sees exactly the configuration it wrote down, e.g. the {@code DB_*} values a Deployment would set.
 */
public final class RunningApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String instanceName;
    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningApp(String instanceName, ConfigurableApplicationContext context) {
        this.instanceName = instanceName;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Starts {@code application} as the pod named {@code instanceName}, with {@code settings} as its config. */
    public static RunningApp start(Class<?> application, String instanceName, Map<String, String> settings) {
        Map<String, String> arguments = new LinkedHashMap<>(settings);
        arguments.put("server.port", "0");
        arguments.put("visits.instance-name", instanceName);
        arguments.put("spring.main.banner-mode", "off");
        List<String> commandLine = new ArrayList<>();
        arguments.forEach((name, value) -> commandLine.add("--" + name + "=" + value));
        var context = new SpringApplicationBuilder(application).run(commandLine.toArray(String[]::new));
        return new RunningApp(instanceName, context);
    }

    public static RunningApp start(Class<?> application, String instanceName) {
        return start(application, instanceName, Map.of());
    }

    public String instanceName() {
        return instanceName;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code GET path}, whatever the status. */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** {@code GET /}, which must answer 200 {"visits": N}: returns N. */
    public long visit() {
        Reply reply = get("/");
        if (reply.status() != 200) {
            throw new AssertionError(instanceName + " answered GET / with " + reply.status() + ": " + reply.body());
        }
        return reply.visits();
    }

    /**
     * Asks {@code GET /} until it answers 200 (only 503, "the database is not reachable", may come before), as a
     * learner's curl does while a Postgres pod comes back. Returns the first count served.
     */
    public long visitOnceServing(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Reply reply = get("/");
            if (reply.status() == 200) {
                return reply.visits();
            }
            if (reply.status() != 503) {
                throw new AssertionError("Expected 200 or 503 while the database comes back, got " + reply);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(instanceName + " still answers 503 after " + timeout + ": " + reply.body());
            }
            pause(Duration.ofMillis(200));
        }
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Served-By").orElse(""),
                    response.body());
        }
        catch (IOException e) {
            throw new IllegalStateException("No answer from " + request.uri(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the instance, as a pod that is deleted: whatever it held in memory is gone. */
    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return instanceName + " on port " + port;
    }
}
