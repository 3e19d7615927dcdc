package com.example.visits.testsupport.postgres;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every kind of test PostgreSQL must do, so that the lessons replayed on it mean what they say.
 * The embedded and the container server run the same assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PostgresServerContract {

    private final PostgresServer postgres = launch();

    abstract PostgresServer launch();

    @AfterAll
    void closeServer() {
        postgres.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        postgres.start();
        execute("DROP TABLE IF EXISTS lesson");
        execute("CREATE TABLE lesson (id int)");
        execute("INSERT INTO lesson VALUES (1)");
    }

    @Test
    void restartOnTheSameDataKeepsCommittedRows() throws SQLException {
        int portBefore = postgres.port();
        postgres.stop();
        postgres.start();

        assertThat(rows()).isEqualTo(1);
        assertThat(postgres.port()).isEqualTo(portBefore);
    }

    @Test
    void killedServerKeepsCommittedRows() throws SQLException {
        postgres.kill();
        assertThat(postgres.isRunning()).isFalse();
        postgres.start();

        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void wipedServerStartsEmpty() throws SQLException {
        postgres.kill();
        postgres.wipeData();
        postgres.start();

        assertThatThrownBy(this::rows).hasMessageContaining("\"lesson\" does not exist");
    }

    @Test
    void stoppedServerRefusesConnections() {
        postgres.stop();

        assertThatThrownBy(postgres::connect).isInstanceOf(SQLException.class);
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "wrong"))
            .hasMessageContaining("password authentication failed");
    }

    @Test
    void environmentNamesTheServer() {
        assertThat(postgres.dbEnvironment()).containsEntry("DB_PORT", Integer.toString(postgres.port()))
            .containsEntry("DB_NAME", "visits")
            .containsKeys("DB_HOST", "DB_USER", "DB_PASSWORD");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = postgres.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private int rows() throws SQLException {
        try (var connection = postgres.connect();
                var result = connection.createStatement().executeQuery("SELECT count(*) FROM lesson")) {
            result.next();
            return result.getInt(1);
        }
    }
}
