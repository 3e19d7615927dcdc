package com.example.visits.schema;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppProcess;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas starting at the same moment on an empty database: Flyway's lock lets one create the schema and
 * the other find it done. Each replica is a JVM of its own, as each pod is.
 */
class SchemaMigrationTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final PostgresServer postgres = PostgresServer.shared();

    @Test
    void twoReplicasStartingAtOnceCreateOneTableWithOneRow() throws SQLException {
        postgres.recreateDatabase();

        try (var replicaA = AppProcess.launch(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
                var replicaB = AppProcess.launch(VisitCounterApplication.class, "replica-b", postgres.dbEnvironment())) {
            replicaA.awaitStarted(START_TIMEOUT);
            replicaB.awaitStarted(START_TIMEOUT);

            assertThat(replicaA.get("/health/readiness").statusCode()).isEqualTo(200);
            assertThat(replicaB.get("/health/readiness").statusCode()).isEqualTo(200);
            assertThat(List.of(replicaA.visit(), replicaB.visit())).containsExactly(1L, 2L);
        }

        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'visit_counter'"))
            .isEqualTo(1);
        assertThat(query("SELECT count(*) FROM visit_counter")).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(1);
    }

    private long query(String sql) throws SQLException {
        try (var connection = postgres.connect(); var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
