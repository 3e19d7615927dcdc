package com.example.visits.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;


/**
 * A real PostgreSQL 16 for tests: the {@code postgres:16-alpine} image where Docker runs, the same server version
 * as embedded binaries where it does not. Both keep their data directory and port across {@link #stop()} /
 * {@link #kill()} and {@link #start()}, so a test can replay what Kubernetes does to the Postgres pod:
 * <ul>
 * <li>pod deleted, data on a PersistentVolumeClaim: {@code kill(); start();} keeps every committed row;</li>
 * <li>pod deleted, no volume: {@code kill(); wipeData(); start();} comes back empty.</li>
 * </ul>
 * Set {@code POSTGRES_TEST_SERVER=embedded} (or {@code container}) to choose instead of letting Docker decide.
 */
public interface PostgresServer extends AutoCloseable {

    /** The names every step and the finished app use by default (see the ConfigMap and Secret). */
    String DATABASE = "visits";
    String USERNAME = "postgres";
    String PASSWORD = "postgres";

    /** Starts a new server of its own: for tests that stop, kill or wipe it. */
    static PostgresServer launch() {
        String choice = System.getenv().getOrDefault("POSTGRES_TEST_SERVER", "").toLowerCase(Locale.ROOT);
        boolean useContainer = switch (choice) {
            case "container" -> true;
            case "embedded" -> false;
            case "" -> Docker.isAvailable();
            default -> throw new IllegalArgumentException(
                    "POSTGRES_TEST_SERVER must be 'embedded' or 'container', not '" + choice + "'");
        };
        return useContainer ? ContainerPostgresServer.launch() : EmbeddedPostgresServer.launch();
    }

    /** One server for the whole test JVM, for tests that only read and write: start it once, never stop it. */
    static PostgresServer shared() {
        return SharedPostgresServer.INSTANCE.get();
    }

    /** Which kind of server this is, for test output: "embedded" or "container". */
    String kind();

    String host();

    /** The port stays the same across restarts, so a running app can reconnect to it. */
    int port();

    default String database() {
        return DATABASE;
    }

    default String username() {
        return USERNAME;
    }

    default String password() {
        return PASSWORD;
    }

    default String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
    }

    /** The variables the app reads, as a Deployment's env (ConfigMap + Secret) would set them. */
    default Map<String, String> dbEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_HOST", host());
        environment.put("DB_PORT", Integer.toString(port()));
        environment.put("DB_NAME", database());
        environment.put("DB_USER", username());
        environment.put("DB_PASSWORD", password());
        return environment;
    }

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /** Drops and creates the database, for a test that needs an empty counter. Open connections are closed. */
    default void recreateDatabase() {
        String adminUrl = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, username(), password());
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database());
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not recreate database " + database(), e);
        }
    }

    /** Shuts the server down cleanly (SIGTERM, as a pod's graceful termination); the data directory stays. */
    void stop();

    /** Kills the server and all its processes at once (SIGKILL, as a node or container crash); data stays. */
    void kill();

    /** Starts the server again on the same data directory and port, and waits until it accepts connections. */
    void start();

    /** Throws away the data directory (must be stopped): the next {@link #start()} begins with an empty server. */
    void wipeData();

    boolean isRunning();

    /** Stops the server and deletes everything it wrote. */
    @Override
    void close();
}
