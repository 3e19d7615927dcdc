package com.example.visits.testsupport.postgres;

import org.testcontainers.junit.jupiter.Testcontainers;

/** The Docker-only twin of {@link EmbeddedPostgresServerTest}: the same assertions on postgres:16-alpine. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPostgresServerTest extends PostgresServerContract {

    @Override
    PostgresServer launch() {
        return ContainerPostgresServer.launch();
    }
}
