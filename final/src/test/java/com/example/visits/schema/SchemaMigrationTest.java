package com.example.visits.schema;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas starting at the same moment on an empty database: Flyway's lock lets one create the schema. */
class SchemaMigrationTest {

    private final PostgresServer postgres = PostgresServer.shared();

    @Test
    void twoInstancesStartingAtOnceCreateOneTableWithOneRow() throws SQLException {
        postgres.recreateDatabase();

        var startA = CompletableFuture.supplyAsync(
                () -> AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment()));
        var startB = CompletableFuture.supplyAsync(
                () -> AppInstance.start(VisitCounterApplication.class, "replica-b", postgres.dbEnvironment()));
        try (var replicaA = startA.join(); var replicaB = startB.join()) {
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
