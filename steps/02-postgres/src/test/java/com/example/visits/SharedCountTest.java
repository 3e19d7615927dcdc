package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Replies;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.postgres.PostgresServer;

/** Step 02's first lesson: with the count in PostgreSQL, the two replicas share one count. */
class SharedCountTest {

    private final PostgresServer postgres = PostgresServer.shared();

    @BeforeEach
    void emptyDatabase() {
        postgres.recreateDatabase();
    }

    @Test
    void twoReplicasShareOneCount() {
        try (var podA = startPod("visit-counter-pod-a");
                var podB = startPod("visit-counter-pod-b")) {
            List<Long> counts = new ArrayList<>();
            Set<String> servedBy = new HashSet<>();
            // What a Service does with a run of curls: requests alternate between the pods.
            for (int request = 0; request < 10; request++) {
                var pod = request % 2 == 0 ? podA : podB;
                var reply = pod.get("/");
                assertThat(reply.statusCode()).isEqualTo(200);
                counts.add(RunningApp.visits(reply.body()));
                servedBy.add(Replies.servedBy(reply));
            }
            assertThat(counts).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(servedBy).containsExactlyInAnyOrder("visit-counter-pod-a", "visit-counter-pod-b");
        }
    }

    @Test
    void concurrentVisitsOnBothReplicasAreNeitherLostNorCountedTwice() throws Exception {
        int threads = 8;
        int visitsPerThread = 50;
        try (var podA = startPod("visit-counter-pod-a");
                var podB = startPod("visit-counter-pod-b")) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<List<Long>>> visitors = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    var pod = thread % 2 == 0 ? podA : podB;
                    visitors.add(() -> LongStream.range(0, visitsPerThread).mapToObj(i -> pod.visit()).toList());
                }
                List<Long> counts = new ArrayList<>();
                for (Future<List<Long>> visitor : pool.invokeAll(visitors)) {
                    counts.addAll(visitor.get());
                }
                long total = (long) threads * visitsPerThread;
                // One atomic statement per visit: every number from 1 to N handed out exactly once.
                assertThat(counts).hasSize((int) total).doesNotHaveDuplicates();
                assertThat(counts.stream().collect(Collectors.toSet()))
                        .isEqualTo(LongStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()));
            }
            finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aNewPodContinuesTheCount() {
        try (var pod = startPod("visit-counter-pod-a")) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.visit()).isEqualTo(2);
        }
        // Unlike step 01, a replaced app pod loses nothing: the count is in the database, not in the pod.
        try (var replacement = startPod("visit-counter-pod-c")) {
            assertThat(replacement.visit()).isEqualTo(3);
        }
    }

    /** One app pod, configured with DB_* for this test's PostgreSQL, as the Deployment's env does. */
    private AppInstance startPod(String name) {
        return AppInstance.start(VisitCounterApplication.class, name, postgres.dbEnvironment());
    }
}
