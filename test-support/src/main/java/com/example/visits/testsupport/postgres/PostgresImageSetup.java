package com.example.visits.testsupport.postgres;

import java.sql.SQLException;
import java.util.Map;

/**
 * What the postgres image's entrypoint does on a fresh data directory with the environment a manifest gives it
 * (docker-library/postgres, docker-entrypoint.sh): the user {@code POSTGRES_USER} with the password
 * {@code POSTGRES_PASSWORD}, and the database {@code POSTGRES_DB}. Tests that start an app with a manifest's env use
 * it, so the credentials are the manifest's own and not the test server's.
 */
public final class PostgresImageSetup {

    private PostgresImageSetup() {
    }

    public static void initialise(PostgresServer server, Map<String, String> environment) throws SQLException {
        String user = environment.get("POSTGRES_USER");
        String password = environment.get("POSTGRES_PASSWORD");
        String database = environment.get("POSTGRES_DB");
        try (var connection = server.connect(); var statement = connection.createStatement()) {
            statement.execute((user.equals(server.username()) ? "ALTER ROLE " : "CREATE ROLE ") + identifier(user)
                    + " WITH LOGIN SUPERUSER PASSWORD " + literal(password));
            if (!database.equals(server.database())) {
                statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(user));
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
