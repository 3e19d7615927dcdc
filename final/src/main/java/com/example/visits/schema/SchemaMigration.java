package com.example.visits.schema;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Applies the Flyway migrations without holding up the start. In a cluster the app may start before PostgreSQL
 * is ready; failing the start would only make Kubernetes restart the pod again and again. Instead the app starts
 * (liveness UP), keeps trying every {@value #RETRY_SECONDS} s, and stays out of the Service (readiness DOWN, see
 * {@link SchemaHealthIndicator}) until the schema is there. Two replicas migrating at once are safe: Flyway holds a
 * PostgreSQL advisory lock while it migrates, so the second one waits and then finds nothing left to do.
 */
@Component
public class SchemaMigration implements FlywayMigrationStrategy, DisposableBean {

    static final int RETRY_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final JdbcConnectionDetails database;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "schema-migration");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean complete;

    private volatile String lastProblem = "not tried yet";

    SchemaMigration(JdbcConnectionDetails database) {
        this.database = database;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (!tryMigrate(flyway)) {
            retries.scheduleWithFixedDelay(() -> {
                if (tryMigrate(flyway)) {
                    retries.shutdown();
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private boolean tryMigrate(Flyway flyway) {
        try {
            int applied = flyway.migrate().migrationsExecuted;
            complete = true;
            log.info("Database schema is up to date ({} migration(s) applied now) at {}", applied,
                    database.getJdbcUrl());
            return true;
        }
        catch (RuntimeException e) {
            // FlywayException mostly; anything else too, since an exception would end the scheduled retries.
            reportOnce(rootCause(e));
            return false;
        }
    }

    /** One clear line per new problem, not one every {@value #RETRY_SECONDS} s; never the password. */
    private void reportOnce(Throwable cause) {
        String problem = describe(cause);
        if (!problem.equals(lastProblem)) {
            log.error("Cannot use the database at {} as user '{}': {}. Check DB_HOST, DB_PORT, DB_NAME (ConfigMap) "
                    + "and DB_USER, DB_PASSWORD (Secret). Retrying every {} s; readiness is DOWN until then.",
                    database.getJdbcUrl(), database.getUsername(), problem, RETRY_SECONDS);
        }
        lastProblem = problem;
    }

    /** Throws, answered as 503, while the counter's table may not exist yet. */
    public void requireComplete() {
        if (!complete) {
            throw new SchemaNotReadyException(lastProblem);
        }
    }

    boolean isComplete() {
        return complete;
    }

    String lastProblem() {
        return lastProblem;
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }

    /**
     * PostgreSQL's own messages say what is wrong; a network failure needs its type to be understood
     * ("UnknownHostException: postgress", not just "postgress") and may have no message at all (EOFException).
     */
    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if (cause instanceof SQLException && message != null) {
            return message;
        }
        return cause.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
