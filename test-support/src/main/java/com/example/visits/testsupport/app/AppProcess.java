package com.example.visits.testsupport.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app in a JVM of its own, as a pod runs it: for replicas that start at the same moment, or that are killed
 * (SIGKILL) rather than shut down. It runs from the test's own class path; its output goes to a log file that a
 * failed start shows.
 */
public final class AppProcess implements RunningApp {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private AppProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Launches {@code mainClass} as replica {@code name}; call {@link #awaitStarted(Duration)} before using it. */
    public static AppProcess launch(Class<?> mainClass, String name, Map<String, String> settings) {
        try {
            int port = freePort();
            Map<String, String> all = new LinkedHashMap<>(settings);
            all.put("server.port", Integer.toString(port));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    mainClass.getName()));
            command.addAll(List.of(AppInstance.arguments(name, all)));
            Path log = Files.createTempFile("app-" + name + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
            return new AppProcess(name, port, process, log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the app answers its liveness probe, as Kubernetes' startup probe would. */
    public AppProcess awaitStarted(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (get("/health/liveness").statusCode() == 200) {
                    return this;
                }
            }
            catch (UncheckedIOException notListeningYet) {
                // still starting
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " did not start within " + timeout + ":\n" + output());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    /** Everything the app has logged so far. */
    public String output() {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the JVM gets no chance to finish anything, as when a node dies. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** SIGTERM and a graceful shutdown, as when Kubernetes deletes the pod. */
    @Override
    public void close() {
        process.destroy();
        process.onExit().join();
        try {
            Files.deleteIfExists(log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
