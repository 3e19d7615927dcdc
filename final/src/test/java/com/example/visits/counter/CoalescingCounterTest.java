package com.example.visits.counter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.load.LoadGenerator;
import com.example.visits.testsupport.load.LoadResult;
import com.example.visits.testsupport.load.LoadRun;
import com.example.visits.testsupport.load.Outcome;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits that arrive together are counted with one statement, and each still gets a number of its own. PostgreSQL
 * itself counts the statements: its statistics say how many row updates the counter's table had.
 */
class CoalescingCounterTest {

    private static final int REQUESTS = 2_000;
    private static final int THREADS = 32;

    private final PostgresServer postgres = PostgresServer.shared();

    @BeforeEach
    void emptyDatabase() {
        postgres.recreateDatabase();
    }

    @Test
    void visitsOneAfterAnotherTakeOneStatementEach() {
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment())) {
            for (long visit = 1; visit <= 5; visit++) {
                assertThat(app.visit()).isEqualTo(visit);
            }
        }
        assertThat(updateStatements()).isEqualTo(5);
    }

    @Test
    void visitsThatArriveTogetherShareStatementsAndKeepTheirOwnNumbers() throws InterruptedException {
        LoadResult result;
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
                LoadRun run = LoadGenerator.get(List.of(app.uri("/"))).requests(REQUESTS).concurrency(THREADS)
                    .start()) {
            result = run.awaitCompletion(Duration.ofMinutes(2));
        }

        List<Long> answers = result.where(Outcome::isSuccess).stream().map(o -> RunningApp.visits(o.body())).toList();
        assertThat(answers).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, REQUESTS).boxed().toList());
        long statements = updateStatements();
        // Fewer statements than visits: batches formed. No batch can hold more visits than there were requests
        // under way at once.
        assertThat(statements).isLessThan(REQUESTS).isGreaterThanOrEqualTo(REQUESTS / THREADS);
        System.out.printf("%d visits from %d threads: %d UPDATE statements, %.1f visits per statement%n", REQUESTS,
                THREADS, statements, (double) REQUESTS / statements);
    }

    /**
     * How many times the counter's row was updated, as PostgreSQL's statistics count it. A backend reports its
     * figures when it ends: once the app's connections are gone (it has stopped), the figure stops moving.
     */
    private long updateStatements() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long previous = -1;
        while (System.nanoTime() < deadline) {
            try (var connection = postgres.connect(); var statement = connection.createStatement()) {
                var others = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                        + postgres.database() + "' AND pid <> pg_backend_pid()");
                others.next();
                boolean appGone = others.getLong(1) == 0;
                var updates = statement.executeQuery(
                        "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'visit_counter'");
                updates.next();
                long current = updates.getLong(1);
                if (appGone && current == previous) {
                    return current;
                }
                previous = appGone ? current : -1;
                Thread.sleep(500);
            }
            catch (SQLException e) {
                throw new IllegalStateException("Could not read PostgreSQL's statistics", e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("PostgreSQL's statistics for visit_counter did not settle within 30 s");
    }
}
