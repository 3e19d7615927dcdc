package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.example.visits.steps.testing.Reply;
import com.example.visits.steps.testing.RunningApp;

/**
 * Step 01's lesson without a cluster: two replicas of the in-memory counter are two separate counts, and a pod
 * that is replaced starts again at 1.
 */
class InMemoryCounterTest {

    @Test
    void answersTheCountAsJsonAndNamesTheInstance() {
        try (var pod = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-a")) {
            Reply reply = pod.get("/");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.body()).isEqualTo("{\"visits\":1}");
            assertThat(reply.servedBy()).isEqualTo("visit-counter-pod-a");
            assertThat(pod.visit()).isEqualTo(2);
        }
    }

    @Test
    void twoReplicasCountEachOnTheirOwn() {
        try (var podA = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-a");
                var podB = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-b")) {
            // A Service spreads requests over both pods: each pod answers from its own memory.
            assertThat(podA.visit()).isEqualTo(1);
            assertThat(podB.visit()).isEqualTo(1);
            assertThat(podA.visit()).isEqualTo(2);
            assertThat(podA.visit()).isEqualTo(3);
            assertThat(podB.visit()).isEqualTo(2);
            assertThat(podA.get("/").servedBy()).isNotEqualTo(podB.get("/").servedBy());
        }
    }

    @Test
    void aRestartedPodStartsAgainAtOne() {
        try (var pod = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-a")) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.visit()).isEqualTo(2);
            assertThat(pod.visit()).isEqualTo(3);
        }
        // kubectl delete pod: the Deployment starts a new one, with a new, empty memory.
        try (var replacement = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-c")) {
            assertThat(replacement.visit()).isEqualTo(1);
        }
    }

    @Test
    void servesTheHealthPathsTheProbesUse() {
        try (var pod = RunningApp.start(VisitCounterApplication.class, "visit-counter-pod-a")) {
            for (String path : new String[] { "/health", "/health/liveness", "/health/readiness" }) {
                Reply reply = pod.get(path);
                assertThat(reply.status()).as(path).isEqualTo(200);
                assertThat(reply.json().get("status").asString()).as(path).isEqualTo("UP");
            }
        }
    }
}
