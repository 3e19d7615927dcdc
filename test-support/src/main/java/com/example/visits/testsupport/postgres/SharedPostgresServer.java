package com.example.visits.testsupport.postgres;

import com.example.visits.testsupport.OnExit;

/** Holds the one server that {@link PostgresServer#shared()} hands out, closed when the test JVM exits. */
enum SharedPostgresServer {
    INSTANCE;

    private PostgresServer server;

    synchronized PostgresServer get() {
        if (server == null) {
            server = PostgresServer.launch();
            OnExit.close(server);
        }
        return server;
    }
}
