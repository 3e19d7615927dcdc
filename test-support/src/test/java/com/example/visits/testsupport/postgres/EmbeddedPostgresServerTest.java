package com.example.visits.testsupport.postgres;

class EmbeddedPostgresServerTest extends PostgresServerContract {

    @Override
    PostgresServer launch() {
        return EmbeddedPostgresServer.launch();
    }
}
