package com.example.visits.counter;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas incrementing at once never lose a visit and never hand out the same number twice: on an empty
 * database the answers are exactly 1..N. (Longer, and with faults: the reliability tests.)
 */
class ConcurrentReplicasTest {

    private static final int REQUESTS = 2_000;
    private static final int THREADS = 16;

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
    void everyVisitCountsExactlyOnce() throws InterruptedException {
        LoadResult result;
        try (LoadRun run = LoadGenerator.get(List.of(replicaA.uri("/"), replicaB.uri("/")))
            .requests(REQUESTS)
            .concurrency(THREADS)
            .start()) {
            result = run.awaitCompletion(Duration.ofMinutes(2));
        }

        List<Long> answers = result.where(Outcome::isSuccess).stream().map(o -> RunningApp.visits(o.body())).toList();
        assertThat(answers).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, REQUESTS).boxed().toList());
        assertThat(replicaA.visit()).isEqualTo(REQUESTS + 1);
        System.out.printf("%d requests from %d threads over 2 replicas: values 1..%d, none lost, none repeated%n",
                REQUESTS, THREADS, REQUESTS);
    }
}
