package com.example.visits.reliability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.app.AppProcess;
import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.load.LoadGenerator;
import com.example.visits.testsupport.load.LoadResult;
import com.example.visits.testsupport.load.LoadRun;
import com.example.visits.testsupport.load.Outcome;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An app pod dies mid-load (its JVM is SIGKILLed with requests and transactions under way) and a new one takes its
 * place: the replicas keep no count of their own, so the count goes on from where PostgreSQL has it, with no
 * acknowledged visit lost and no number handed out twice.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bound on each test; the awaits inside have their own
class ReplicaKilledUnderLoadTest {

    static final int CONCURRENCY = 32;
    static final int REQUESTS_BEFORE_KILL = 1_500;
    static final int REQUESTS_AFTER_REPLACEMENT = 1_500;
    /** A dead pod stays in the Service's endpoints for a moment; requests sent to it meanwhile are refused. */
    static final Duration UNTIL_ENDPOINT_REMOVED = Duration.ofMillis(300);

    private final PostgresServer postgres = PostgresServer.shared();

    @Test
    void countGoesOnFromTheDatabaseWhenAKilledReplicaIsReplaced() throws InterruptedException {
        postgres.recreateDatabase();
        // The JVM of its own takes longest to start: launch it first, and start replica A meanwhile.
        long launchB = System.nanoTime();
        try (AppProcess replicaB = AppProcess.launch(VisitCounterApplication.class, "replica-b",
                postgres.dbEnvironment());
                AppInstance replicaA = AppInstance.start(VisitCounterApplication.class, "replica-a",
                        postgres.dbEnvironment())) {
            replicaB.awaitStarted(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).until(() -> replicaB.get("/health/readiness").statusCode() == 200);
            long replicaBStartedIn = System.nanoTime() - launchB;
            long before = CountInDatabase.of(postgres);
            long killStart;
            long killEnd;
            long countWhenReplacementStarted;
            long replacementStartedIn;
            LoadResult result;
            AppInstance replicaC = null;
            try (LoadRun run = LoadGenerator.get(List.of(replicaA.uri("/"), replicaB.uri("/")))
                .requests(50_000) // an upper bound only: the run is stopped below
                .concurrency(CONCURRENCY)
                .start()) {
                assertThat(run.awaitCompleted(REQUESTS_BEFORE_KILL, Duration.ofSeconds(60))).isTrue();

                killStart = System.nanoTime();
                replicaB.kill();
                killEnd = System.nanoTime();
                Thread.sleep(UNTIL_ENDPOINT_REMOVED.toMillis());
                run.retarget(List.of(replicaA.uri("/")));

                countWhenReplacementStarted = CountInDatabase.of(postgres);
                long startC = System.nanoTime();
                replicaC = AppInstance.start(VisitCounterApplication.class, "replica-c", postgres.dbEnvironment());
                replacementStartedIn = System.nanoTime() - startC;
                run.retarget(List.of(replicaA.uri("/"), replicaC.uri("/")));

                assertThat(run.awaitCompleted(run.completed() + REQUESTS_AFTER_REPLACEMENT, Duration.ofSeconds(60)))
                    .isTrue();
                run.stop();
                result = run.awaitCompletion(Duration.ofSeconds(30));
            }
            finally {
                if (replicaC != null) {
                    replicaC.close();
                }
            }
            long after = CountInDatabase.of(postgres);

            List<Outcome> inFlightAtKill = result
                .where(o -> o.target().equals(replicaB.uri("/")) && o.inFlightDuring(killStart, killEnd));
            long unconfirmedAtKill = inFlightAtKill.stream().filter(o -> !o.isSuccess()).count();
            long increase = after - before;
            long excess = increase - result.successes();
            List<Long> values = result.where(Outcome::isSuccess).stream().map(o -> value(o)).toList();
            List<Long> valuesFromC = result.where(o -> o.isSuccess() && servedBy(o, "replica-c")).stream()
                .map(o -> value(o))
                .toList();
            long firstFromC = valuesFromC.stream().mapToLong(Long::longValue).min().orElse(-1);
            System.out.printf("[reliability] replica killed under load: %s lost=%d increase=%d excess=%d "
                    + "in-flight-at-kill=%d (unconfirmed=%d) refused-by-dead-replica=%d replica-b-start=%dms "
                    + "replacement-start=%dms count-at-replacement=%d first-value-from-replacement=%d "
                    + "served-by-replacement=%d%n", result.figures(), Math.max(0, -excess), increase, excess,
                    inFlightAtKill.size(), unconfirmedAtKill, result.unanswered(), millis(replicaBStartedIn),
                    millis(replacementStartedIn), countWhenReplacementStarted, firstFromC, valuesFromC.size());
            ReliabilityFigures.titled("One of two replicas killed (SIGKILL) under load, replaced by a new one")
                .load(result)
                .add("Acknowledged visits lost", Math.max(0, -excess))
                .add("Requests the dead replica could not answer", result.unanswered())
                .add("Count when the replacement started", countWhenReplacementStarted)
                .add("First value the replacement answered", firstFromC)
                .add("Visits served by the replacement", valuesFromC.size())
                .write("replica-killed-under-load");

            // No acknowledged visit lost, and more only by requests the dead replica could not answer.
            assertThat(increase).as("count increase").isGreaterThanOrEqualTo(result.successes());
            assertThat(excess).as("visits counted but not acknowledged").isLessThanOrEqualTo(unconfirmedAtKill);
            assertThat(new HashSet<>(values)).as("distinct values").hasSize(values.size());
            assertThat(values).allMatch(value -> value > before && value <= after);

            // The new replica goes on from the database's count.
            assertThat(valuesFromC).as("visits counted by the replacement").isNotEmpty()
                .allMatch(value -> value > countWhenReplacementStarted);

            // The only failures are requests to the dead replica: no answer at all, never an error answer.
            assertThat(result.where(o -> !o.isSuccess()))
                .allMatch(o -> !o.isAnswered() && o.target().equals(replicaB.uri("/")));
            assertThat(replicaA.isRunning()).isTrue();
            assertThat(replicaB.isRunning()).isFalse();
        }
    }

    private static boolean servedBy(Outcome outcome, String replica) {
        return outcome.header("X-Served-By").orElse("").equals(replica);
    }

    private static long value(Outcome outcome) {
        return RunningApp.visits(outcome.body());
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
