package com.example.visits.reliability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.load.LoadGenerator;
import com.example.visits.testsupport.load.LoadResult;
import com.example.visits.testsupport.load.LoadRun;
import com.example.visits.testsupport.load.Outcome;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postgres pod is deleted while two replicas are busy, and comes back on its volume: PostgreSQL is killed
 * (SIGKILL) mid-load and started again on the same data directory and port. No visit acknowledged with a 2xx is
 * lost; while PostgreSQL is gone the replicas answer 503 JSON quickly; once it is back they serve again by
 * themselves, with no restart.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bound on each test; the awaits inside have their own
class PostgresKilledUnderLoadTest {

    static final int CONCURRENCY = 32;
    static final int REQUESTS_BEFORE_KILL = 2_000;
    /** As long as a Postgres pod takes to be rescheduled at the very least; enough for many 503s. */
    static final Duration DOWN_FOR = Duration.ofSeconds(2);
    static final int REQUESTS_AFTER_RESTART = 1_500;
    static final Duration DEATH_MARGIN = Duration.ofMillis(50);
    static final Duration MAX_TIME_TO_RECOVER = Duration.ofSeconds(5);
    /** Issue 2: the database unreachable, GET / answers 503 within 2 s (Hikari waits 1.5 s for a connection). */
    static final Duration MAX_503_LATENCY = Duration.ofSeconds(2);

    private PostgresServer postgres;
    private AppInstance replicaA;
    private AppInstance replicaB;

    @BeforeEach
    void startDatabaseAndTwoReplicas() {
        postgres = PostgresServer.launch();
        replicaA = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
        replicaB = AppInstance.start(VisitCounterApplication.class, "replica-b", postgres.dbEnvironment());
    }

    @AfterEach
    void stopEverything() {
        replicaA.close();
        replicaB.close();
        postgres.close();
    }

    @Test
    void losesNoAcknowledgedVisitAndServesAgainWithoutARestart() throws InterruptedException {
        long before = CountInDatabase.of(postgres);
        long killStart;
        long killReturned;
        long diedAt;
        long restarted;
        LoadResult result;
        try (LoadRun run = LoadGenerator.get(List.of(replicaA.uri("/"), replicaB.uri("/")))
            .requests(50_000) // an upper bound only: the run is stopped below
            .concurrency(CONCURRENCY)
            .start()) {
            assertThat(run.awaitCompleted(REQUESTS_BEFORE_KILL, Duration.ofSeconds(60))).isTrue();

            DeathWatch deathWatch = DeathWatch.on(postgres);
            killStart = System.nanoTime();
            postgres.kill();
            killReturned = System.nanoTime();
            // SIGKILL reaches the server's processes within microseconds of each other; allow a margin all the same.
            diedAt = Math.min(deathWatch.diedAt() + DEATH_MARGIN.toNanos(), killReturned);
            Thread.sleep(DOWN_FOR.toMillis());
            postgres.start();
            restarted = System.nanoTime();

            assertThat(run.awaitCompleted(run.completed() + REQUESTS_AFTER_RESTART, Duration.ofSeconds(60)))
                .isTrue();
            run.stop();
            result = run.awaitCompletion(Duration.ofSeconds(30));
        }
        long after = CountInDatabase.of(postgres);

        // Under way at the moment of death: these, and only these, may have committed without an answer.
        List<Outcome> inFlightAtKill = result.where(o -> o.inFlightDuring(killStart, diedAt));
        long unconfirmedAtKill = inFlightAtKill.stream().filter(o -> !o.isSuccess()).count();
        long increase = after - before;
        long excess = increase - result.successes();
        List<Long> values = result.where(Outcome::isSuccess).stream().map(o -> RunningApp.visits(o.body())).toList();
        List<Outcome> refusals = result.where(o -> o.isAnswered() && !o.isSuccess());
        long answeredWhileDown = result.count(o -> o.status() == 503 && o.endNanos() > diedAt
                && o.endNanos() < restarted);
        Duration slowest503 = refusals.stream().map(Outcome::latency).max(Duration::compareTo).orElse(Duration.ZERO);
        Duration recoverA = timeToFirstSuccess(result, replicaA, restarted);
        Duration recoverB = timeToFirstSuccess(result, replicaB, restarted);
        Duration timeToRecover = recoverA.compareTo(recoverB) > 0 ? recoverA : recoverB;
        System.out.printf("[reliability] postgres killed under load (%s): %s lost=%d increase=%d excess=%d "
                + "in-flight-at-kill=%d (unconfirmed=%d) answered-503-while-down=%d slowest-503=%dms "
                + "dead-after=%dms down=%dms time-to-recover=%dms (replica-a=%dms replica-b=%dms)%n",
                postgres.kind(), result.figures(), Math.max(0, -excess), increase, excess, inFlightAtKill.size(),
                unconfirmedAtKill, answeredWhileDown, slowest503.toMillis(), millis(diedAt - killStart),
                millis(restarted - killStart), timeToRecover.toMillis(), recoverA.toMillis(), recoverB.toMillis());
        ReliabilityFigures.titled("PostgreSQL killed (SIGKILL) under load from two replicas, restarted on its data "
                + "after " + DOWN_FOR.toSeconds() + " s (" + postgres.kind() + ")")
            .load(result)
            .add("Acknowledged visits lost", Math.max(0, -excess))
            .add("Visits counted but not acknowledged (in flight at the kill)", excess)
            .add("503 answers while PostgreSQL was down", answeredWhileDown)
            .add("Slowest 503 answer", slowest503)
            .add("From restart to both replicas serving again", timeToRecover)
            .add("App instances still running, never restarted (of 2)",
                (replicaA.isRunning() ? 1 : 0) + (replicaB.isRunning() ? 1 : 0))
            .write("postgres-killed-under-load");

        // No acknowledged visit lost, and more only by requests whose commit the app could not confirm.
        assertThat(increase).as("count increase").isGreaterThanOrEqualTo(result.successes());
        assertThat(excess).as("visits counted but not acknowledged").isLessThanOrEqualTo(unconfirmedAtKill);
        assertThat(new HashSet<>(values)).as("distinct values").hasSize(values.size());
        assertThat(values).allMatch(value -> value > before && value <= after);

        // While PostgreSQL is gone: 503 JSON, quickly, never a 500, never a stack trace; the HTTP side never fails.
        assertThat(answeredWhileDown).as("503 answers while the database was down").isPositive();
        assertThat(result.unanswered()).as("requests without an HTTP answer").isZero();
        assertThat(refusals).allSatisfy(refusal -> {
            assertThat(refusal.status()).isEqualTo(503);
            assertThat(refusal.header("Content-Type")).hasValue("application/problem+json");
            assertThat(refusal.body()).contains("\"status\":503").doesNotContain("Exception", "\tat ", "at org.");
            assertThat(refusal.latency()).isLessThan(MAX_503_LATENCY);
        });

        // Back by themselves, the same app instances.
        assertThat(timeToRecover).isLessThanOrEqualTo(MAX_TIME_TO_RECOVER);
        assertThat(replicaA.isRunning()).isTrue();
        assertThat(replicaB.isRunning()).isTrue();
        assertThat(replicaA.get("/health/readiness").statusCode()).isEqualTo(200);
    }

    /** From PostgreSQL accepting connections again to this replica's first 2xx answer after that. */
    private static Duration timeToFirstSuccess(LoadResult result, AppInstance replica, long restarted) {
        OptionalLong firstEnd = result.outcomes().stream()
            .filter(o -> o.isSuccess() && o.endNanos() > restarted && o.header("X-Served-By").orElse("")
                .equals(replica.name()))
            .mapToLong(Outcome::endNanos)
            .min();
        assertThat(firstEnd).as(replica.name() + " served after the restart").isPresent();
        return Duration.ofNanos(firstEnd.getAsLong() - restarted);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
