package com.example.visits.schema;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
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

    /** Flyway's loggers: each attempt logs two INFO lines, which the retries would repeat every few seconds. */
    private static final String FLYWAY_LOGGERS = "org.flywaydb";

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final JdbcConnectionDetails database;

    private final ObjectProvider<LoggingSystem> loggingSystem;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "schema-migration");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean complete;

    private volatile String lastProblem = "not tried yet";

    /** What /health says while the schema is not ready: plain words, never an exception, a host or a user name. */
    private volatile String healthReason = "the database schema has not been checked yet";

    private volatile boolean flywayQuietened;

    private volatile LogLevel flywayLevelBefore;

    SchemaMigration(JdbcConnectionDetails database, ObjectProvider<LoggingSystem> loggingSystem) {
        this.database = database;
        this.loggingSystem = loggingSystem;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (!tryMigrate(flyway)) {
            // The first attempt has shown Flyway's own lines and ours; the retries say something only when the
            // problem changes (ours) or is a warning (Flyway's), and the success line says what was applied.
            quietFlyway();
            retries.scheduleWithFixedDelay(() -> {
                if (tryMigrate(flyway)) {
                    restoreFlyway();
                    retries.shutdown();
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Like actuator's loggers endpoint: LoggingSystem sets a level at run time, and puts back the configured one. */
    private synchronized void quietFlyway() {
        loggingSystem.ifAvailable(logging -> {
            LoggerConfiguration configuration = logging.getLoggerConfiguration(FLYWAY_LOGGERS);
            flywayLevelBefore = configuration == null ? null : configuration.getConfiguredLevel();
            logging.setLogLevel(FLYWAY_LOGGERS, LogLevel.WARN);
        });
        flywayQuietened = true;
    }

    private synchronized void restoreFlyway() {
        if (flywayQuietened) {
            loggingSystem.ifAvailable(logging -> logging.setLogLevel(FLYWAY_LOGGERS, flywayLevelBefore));
            flywayQuietened = false;
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
            if (isForeignSchema(e)) {
                reportForeignSchemaOnce();
            }
            else {
                reportOnce(rootCause(e));
            }
            return false;
        }
    }

    /**
     * The database answers, but holds tables and no Flyway history: someone else's schema (for example a volume left
     * from another deployment). Flyway refuses to touch it, rightly; nothing in DB_HOST or the password is wrong.
     */
    private static boolean isForeignSchema(RuntimeException e) {
        return e instanceof FlywayException flyway
                && flyway.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE;
    }

    private void reportForeignSchemaOnce() {
        String problem = "database '" + databaseName() + "' holds tables that this app did not create (no Flyway"
                + " schema history): give the app an empty database";
        if (!problem.equals(lastProblem)) {
            log.error("The database at {} already holds tables, but none of this app's migration history (no table"
                    + " flyway_schema_history), so they belong to something else. This app creates its own table in"
                    + " an empty database and never changes tables it does not know. What to do: point DB_NAME"
                    + " (ConfigMap) at an empty database, or, if nothing in this one is needed, empty it. In a cluster"
                    + " this is usually a volume (claim postgres-data) left from another deployment: delete that"
                    + " claim, and its data with it. Checking again every {} s; readiness is DOWN until then.",
                    database.getJdbcUrl(), RETRY_SECONDS);
        }
        lastProblem = problem;
        healthReason = problem;
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
        healthReason = "cannot reach the database or log in to it: the app's log says why";
    }

    private String databaseName() {
        String url = database.getJdbcUrl();
        String afterHost = url.substring(url.lastIndexOf('/') + 1);
        int parameters = afterHost.indexOf('?');
        return parameters < 0 ? afterHost : afterHost.substring(0, parameters);
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

    String healthReason() {
        return healthReason;
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
        restoreFlyway();
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
