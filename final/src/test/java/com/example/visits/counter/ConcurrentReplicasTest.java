package com.example.visits.counter;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas incrementing at once never lose a visit and never hand out the same number twice. */
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
    void everyVisitCountsExactlyOnce() throws Exception {
        List<AppInstance> replicas = List.of(replicaA, replicaB);
        Queue<Long> answers = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < REQUESTS; i++) {
            AppInstance replica = replicas.get(i % 2);
            clients.submit(() -> answers.add(replica.visit()));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        assertThat(answers).hasSize(REQUESTS);
        assertThat(answers).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, REQUESTS).boxed().toList());
        assertThat(replicaA.visit()).isEqualTo(REQUESTS + 1);
        System.out.printf("%d requests from %d threads over 2 replicas: values 1..%d, none lost, none repeated%n",
                REQUESTS, THREADS, REQUESTS);
    }
}
