package com.example.visits.reliability;

import java.sql.SQLException;

import com.example.visits.testsupport.postgres.PostgresServer;

/** The count as PostgreSQL holds it, read past the app: what a test compares the answers with. */
final class CountInDatabase {

    private CountInDatabase() {
    }

    static long of(PostgresServer postgres) {
        try (var connection = postgres.connect();
                var result = connection.createStatement().executeQuery("SELECT visits FROM visit_counter")) {
            if (!result.next()) {
                throw new IllegalStateException("visit_counter has no row");
            }
            return result.getLong(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not read the count from " + postgres, e);
        }
    }
}
