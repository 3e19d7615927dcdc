package com.example.visits.testsupport.postgres;

import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Docker-only twin of {@link EmbeddedPostgresServerTest}: the same assertions on postgres:16-alpine. Skipped
 * without Docker, asked quietly ({@link Docker#isAvailable()}; Testcontainers' own check logs an ERROR).
 */
@EnabledIf(value = "com.example.visits.testsupport.postgres.Docker#isAvailable",
        disabledReason = "needs a Docker daemon; EmbeddedPostgresServerTest runs the same assertions without one")
class ContainerPostgresServerTest extends PostgresServerContract {

    @Override
    PostgresServer launch() {
        return ContainerPostgresServer.launch();
    }
}
