package com.example.visits.reliability;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * Two replicas on one PostgreSQL under sustained load: the count grows by exactly the number of visits
 * acknowledged, and no two visitors ever get the same number.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bound on each test; the awaits inside have their own
class TwoReplicasUnderLoadTest {

    static final int REQUESTS = 10_000;
    static final int CONCURRENCY = 32;

    private final PostgresServer postgres = PostgresServer.shared();
    private AppInstance replicaA;
    private AppInstance replicaB;

    @BeforeEach
    void startTwoReplicas() {
        postgres.recreateDatabase();
        replicaA = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
        replicaB = AppInstance.start(VisitCounterApplication.class, "replica-b", postgres.dbEnvironment());
    }

    @AfterEach
    void stopReplicas() {
        replicaA.close();
        replicaB.close();
    }

    @Test
    void countGrowsByExactlyTheAcknowledgedVisitsAndNoValueRepeats() throws InterruptedException {
        long before = CountInDatabase.of(postgres);

        LoadResult result;
        try (LoadRun run = LoadGenerator.get(List.of(replicaA.uri("/"), replicaB.uri("/")))
            .requests(REQUESTS)
            .concurrency(CONCURRENCY)
            .start()) {
            result = run.awaitCompletion(Duration.ofMinutes(2));
        }
        long after = CountInDatabase.of(postgres);

        List<Long> values = result.where(Outcome::isSuccess).stream().map(o -> RunningApp.visits(o.body())).toList();
        Set<Long> distinct = new HashSet<>(values);
        long servedByA = result.count(o -> o.isSuccess() && o.header("X-Served-By").orElse("").equals("replica-a"));
        System.out.printf("[reliability] two replicas under load: %s increase=%d distinct-values=%d "
                + "served-by-a=%d served-by-b=%d lost=%d%n", result.figures(), after - before, distinct.size(),
                servedByA, result.successes() - servedByA, Math.max(0, result.successes() - (after - before)));
        ReliabilityFigures.titled("Two replicas sharing one count, " + CONCURRENCY + " concurrent clients")
            .load(result)
            .add("Increase of the count in the database", after - before)
            .add("Distinct values answered", distinct.size())
            .add("Served by replica-a", servedByA)
            .add("Served by replica-b", result.successes() - servedByA)
            .add("Visits lost", Math.max(0, result.successes() - (after - before)))
            .write("two-replicas-under-load");

        assertThat(result.requests()).isEqualTo(REQUESTS);
        assertThat(after - before).as("count increase").isEqualTo(result.successes());
        assertThat(distinct).as("distinct values").hasSize(values.size());
        assertThat(values).allMatch(value -> value > before && value <= after);
        assertThat(servedByA).isPositive().isLessThan(result.successes());
        // Nothing goes wrong here, so every request must have been a visit.
        assertThat(result.successes()).isEqualTo(REQUESTS);
    }
}
