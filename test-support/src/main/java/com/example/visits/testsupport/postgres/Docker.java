package com.example.visits.testsupport.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can use a Docker daemon here, asked once and quietly. */
final class Docker {

    private static final Logger log = LoggerFactory.getLogger(Docker.class);

    private static Boolean available;

    private Docker() {
    }

    /**
     * Asks Testcontainers with its loggers off: without Docker it would log "Could not find a valid Docker
     * environment" as an ERROR with a stack trace, although the embedded server then does the job. One line instead.
     */
    static synchronized boolean isAvailable() {
        if (available == null) {
            available = QuietLogs.muted("org.testcontainers",
                    () -> DockerClientFactory.instance().isDockerAvailable());
            if (!available) {
                log.info("No Docker daemon found: PostgreSQL 16 runs from embedded binaries instead of the"
                        + " postgres:16-alpine container (set POSTGRES_TEST_SERVER=container to insist on Docker)");
            }
        }
        return available;
    }
}
