package com.example.visits.reliability;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * Notes the moment PostgreSQL stops accepting connections, by connecting again and again while a test kills it.
 * {@code kill()} may take much longer to return than the server takes to die (the embedded server's clean-up
 * waits for the dead server), and only requests under way at the moment of death can have been committed
 * without an answer: this moment bounds them far more tightly than the return of {@code kill()}.
 */
final class DeathWatch {

    private final CompletableFuture<Long> diedAt;

    private DeathWatch(CompletableFuture<Long> diedAt) {
        this.diedAt = diedAt;
    }

    /** Starts watching; the server must be up. */
    static DeathWatch on(PostgresServer postgres) {
        var diedAt = new CompletableFuture<Long>();
        Thread watcher = new Thread(() -> {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < giveUp) {
                try (var connection = postgres.connect()) {
                    connection.isValid(1);
                }
                catch (SQLException e) {
                    diedAt.complete(System.nanoTime());
                    return;
                }
            }
            diedAt.completeExceptionally(new IllegalStateException("PostgreSQL did not die within 30 s"));
        }, "postgres-death-watch");
        watcher.setDaemon(true);
        watcher.start();
        return new DeathWatch(diedAt);
    }

    /** The {@link System#nanoTime()} at which the server was first seen refusing a connection. */
    long diedAt() {
        try {
            return diedAt.get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("No moment of death observed", e);
        }
    }
}
