package com.example.visits.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reachable database that holds someone else's tables (here: step 02's table `counter`, as a volume left from the
 * labs would): Flyway refuses to migrate a non-empty schema without its history. The app says what is wrong and what
 * to do, once; /health shows the reason while readiness is DOWN; once the database is emptied, it starts counting.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForeignSchemaTest {

    /** A database of its own on the shared server, so that the other tests' database `visits` stays untouched. */
    private static final String FOREIGN_DATABASE = "someone_elses";

    private final PostgresServer postgres = PostgresServer.shared();

    @BeforeEach
    void createADatabaseWithSomeoneElsesTable() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + FOREIGN_DATABASE + " WITH (FORCE)");
        admin("CREATE DATABASE " + FOREIGN_DATABASE);
        execute("CREATE TABLE counter (id integer PRIMARY KEY, n bigint NOT NULL)");
        execute("INSERT INTO counter VALUES (1, 41)");
    }

    @AfterEach
    void dropIt() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + FOREIGN_DATABASE + " WITH (FORCE)");
    }

    @Test
    void saysOnceWhatIsWrongAndWhatToDoShowsItInHealthAndCountsOnceTheDatabaseIsEmptied(CapturedOutput output)
            throws SQLException {
        Map<String, String> environment = new HashMap<>(postgres.dbEnvironment());
        environment.put("DB_NAME", FOREIGN_DATABASE);

        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", environment)) {
            assertThat(app.get("/health/liveness").statusCode()).isEqualTo(200);
            assertThat(app.get("/").statusCode()).isEqualTo(503);
            var readiness = app.get("/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"description\":\"database '" + FOREIGN_DATABASE
                    + "' holds tables that this app did not create (no Flyway schema history): give the app an empty"
                    + " database\"");
            assertThat(app.get("/health").body()).contains("holds tables that this app did not create")
                    .doesNotContain("Exception");

            // At least two more attempts: the explanation is not repeated, and Flyway does not repeat its own lines.
            await().pollDelay(Duration.ofMillis(2 * SchemaMigration.RETRY_SECONDS * 1000 + 500)).until(() -> true);
            String log = output.getAll();
            assertThat(log).containsOnlyOnce("The database at " + jdbcUrl() + " already holds tables, but none of"
                    + " this app's migration history (no table flyway_schema_history), so they belong to something"
                    + " else.")
                    .contains("What to do: point DB_NAME (ConfigMap) at an empty database")
                    .doesNotContain("Check DB_HOST")
                    .doesNotContain("\tat ");
            assertThat(log).as("Flyway's INFO lines: the first attempt only, not one pair per retry")
                    .containsOnlyOnce("Schema history table \"public\".\"flyway_schema_history\" does not exist yet")
                    .containsOnlyOnce("Successfully validated 1 migration");

            // What the message says to do: empty the database. The retries notice it.
            execute("DROP TABLE counter");
            await().atMost(Duration.ofSeconds(15)).until(() -> app.get("/health/readiness").statusCode() == 200);
            assertThat(app.visit()).isEqualTo(1);
            assertThat(output.getAll()).contains("Database schema is up to date (1 migration(s) applied now) at "
                    + jdbcUrl());
        }
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + FOREIGN_DATABASE;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), postgres.username(), postgres.password());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void admin(String sql) throws SQLException {
        String adminUrl = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, postgres.username(), postgres.password());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
