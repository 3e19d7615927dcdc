package com.example.visits.testsupport.postgres;

/** Holds the one server that {@link PostgresServer#shared()} hands out, closed when the test JVM exits. */
enum SharedPostgresServer {
    INSTANCE;

    private PostgresServer server;

    synchronized PostgresServer get() {
        if (server == null) {
            server = PostgresServer.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shared-postgres-shutdown"));
        }
        return server;
    }
}
