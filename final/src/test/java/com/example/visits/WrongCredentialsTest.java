package com.example.visits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A wrong password in the Secret: one log line that says where and as whom, never the password itself. */
@ExtendWith(OutputCaptureExtension.class)
class WrongCredentialsTest {

    private static final String WRONG_PASSWORD = "not-the-password-4711";

    @Test
    void saysOnceWhichDatabaseAndUserWithoutThePassword(CapturedOutput output) {
        PostgresServer postgres = PostgresServer.shared();
        Map<String, String> environment = new HashMap<>(postgres.dbEnvironment());
        environment.put("DB_PASSWORD", WRONG_PASSWORD);

        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", environment)) {
            assertThat(app.get("/").statusCode()).isEqualTo(503);
            assertThat(app.get("/health/readiness").statusCode()).isEqualTo(503);
            // Let the migration retry at least twice: the problem is still reported only once.
            await().pollDelay(Duration.ofMillis(4500)).until(() -> true);
        }

        String expected = "Cannot use the database at " + postgres.jdbcUrl() + " as user 'postgres': "
                + "FATAL: password authentication failed for user \"postgres\"";
        assertThat(output.getAll()).containsOnlyOnce(expected).doesNotContain(WRONG_PASSWORD);
    }
}
