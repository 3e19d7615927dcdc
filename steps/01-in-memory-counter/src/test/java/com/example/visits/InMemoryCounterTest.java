package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Replies;
import com.example.visits.testsupport.app.AppInstance;

/**
 * Step 01's lesson without a cluster: two replicas of the in-memory counter are two separate counts, and a pod
 * that is replaced starts again at 1.
 */
class InMemoryCounterTest {

    @Test
    void answersTheCountAsJsonAndNamesTheInstance() {
        try (var pod = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-a", Map.of())) {
            HttpResponse<String> reply = pod.get("/");

            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(Replies.contentType(reply)).startsWith("application/json");
            assertThat(reply.body()).isEqualTo("{\"visits\":1}");
            assertThat(Replies.servedBy(reply)).isEqualTo("visit-counter-pod-a");
            assertThat(pod.visit()).isEqualTo(2);
        }
    }

    @Test
    void twoReplicasCountEachOnTheirOwn() {
        try (var podA = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-a", Map.of());
                var podB = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-b", Map.of())) {
            // A Service spreads requests over both pods: each pod answers from its own memory.
            assertThat(podA.visit()).isEqualTo(1);
            assertThat(podB.visit()).isEqualTo(1);
            assertThat(podA.visit()).isEqualTo(2);
            assertThat(podA.visit()).isEqualTo(3);
            assertThat(podB.visit()).isEqualTo(2);
            assertThat(Replies.servedBy(podA.get("/"))).isNotEqualTo(Replies.servedBy(podB.get("/")));
        }
    }

    @Test
    void aRestartedPodStartsAgainAtOne() {
        try (var pod = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-a", Map.of())) {
            assertThat(pod.visit()).isEqualTo(1);
            assertThat(pod.visit()).isEqualTo(2);
            assertThat(pod.visit()).isEqualTo(3);
        }
        // kubectl delete pod: the Deployment starts a new one, with a new, empty memory.
        try (var replacement = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-c", Map.of())) {
            assertThat(replacement.visit()).isEqualTo(1);
        }
    }

    @Test
    void servesTheHealthPathsTheProbesUse() {
        try (var pod = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-a", Map.of())) {
            for (String path : new String[] { "/health", "/health/liveness", "/health/readiness" }) {
                HttpResponse<String> reply = pod.get(path);
                assertThat(reply.statusCode()).as(path).isEqualTo(200);
                assertThat(Replies.json(reply).get("status").asString()).as(path).isEqualTo("UP");
            }
        }
    }
}
