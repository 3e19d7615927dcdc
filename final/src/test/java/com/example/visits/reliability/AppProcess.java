package com.example.visits.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app replica in a JVM of its own, so that it can die the way a container does: {@link #kill()} is SIGKILL,
 * with requests and transactions under way, no shutdown hook, no graceful anything. (An in-process
 * {@code AppInstance} can only be closed politely.) The settings are passed as environment variables, as the
 * Deployment's ConfigMap and Secret pass them.
 */
final class AppProcess implements AutoCloseable {

    /** Kept after the test (surefire runs in the module's directory), to read when something went wrong. */
    private static final Path LOGS = Path.of("target", "reliability-logs");

    private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code application}'s main class in a new JVM and waits until its readiness is UP. */
    static AppProcess start(Class<?> application, String name, Map<String, String> environment, Duration timeout) {
        try {
            Path log = Files.createDirectories(LOGS).resolve(name + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var builder = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), application.getName(),
                    "--server.port=0", "--visits.instance-name=" + name))
                .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            // Never outlive the test JVM, whatever happens to the test.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
            CompletableFuture<Integer> port = watchForPort(process, log);
            try {
                var app = new AppProcess(name, process, log, port.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                app.awaitReady(timeout);
                return app;
            }
            catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not start within " + timeout + "; its log: " + log, e);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the process's output to its log file and completes with the port once Tomcat names it. */
    private static CompletableFuture<Integer> watchForPort(Process process, Path log) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    var file = Files.newBufferedWriter(log)) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    file.write(line);
                    file.newLine();
                    Matcher started = TOMCAT_STARTED.matcher(line);
                    if (started.find()) {
                        file.flush();
                        port.complete(Integer.parseInt(started.group(1)));
                    }
                }
            }
            catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("The process ended before Tomcat started"));
        }, "app-process-output");
        copier.setDaemon(true);
        copier.start();
        return port;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest readiness = HttpRequest.newBuilder(uri("/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL, as when a container is killed or its node dies; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die within 10 s");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
