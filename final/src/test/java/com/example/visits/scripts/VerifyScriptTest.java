package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.ScriptResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** verify.sh against a fake cluster that is consistent, and against ones that break one promise each. */
class VerifyScriptTest {

    @Test
    void passesOnAConsistentClusterThroughTheNodePort() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.stdout())
                    .contains("✓ GET / answers {\"visits\": 1}")
                    .contains("✓ a second GET / answers 2: the count goes up by one")
                    .contains("✓ PersistentVolumeClaim postgres-data is Bound")
                    .contains("✓ deleted the PostgreSQL pod (postgres-0)")
                    .contains("✓ Kubernetes replaced it: a new pod/postgres-0 is Ready")
                    .contains("✓ after the restart GET / answers 3: the count survived")
                    .contains("✓ both replicas answered (through the Service; X-Served-By: "
                            + "visit-counter-5c8d7f9b4-aaaaa visit-counter-5c8d7f9b4-bbbbb)")
                    .contains("All 7 checks passed.")
                    .doesNotContain("✗");
            assertThat(verify.callsTo("kubectl", "delete pod -l app.kubernetes.io/name=postgres")).hasSize(1);
            assertThat(verify.callsTo("kubectl", "wait --for=condition=Ready pod/postgres-0")).hasSize(1);
            assertThat(verify.callsTo("kubectl")).allSatisfy(call ->
                    assertThat(call.arguments()).startsWith("--context", "minikube", "--namespace", "visit-counter"));
            assertThat(verify.callsTo("kubectl", "port-forward")).isEmpty();
        }
    }

    @Test
    void failsWhenTheCountDoesNotGoUp() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_COUNT_STUCK", "1")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout()).contains("✗ a second GET / should answer 2: got HTTP 200, body: {\"visits\":1}")
                    .contains("✗ after the restart GET / should answer 2, answered 1")
                    .contains("checks failed.");
        }
    }

    @Test
    void failsWhenTheVolumeIsNotBound() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_PVC_PHASE", "Pending")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout())
                    .contains("✗ PersistentVolumeClaim postgres-data should be Bound, is: Pending")
                    .contains("describe pvc postgres-data")
                    .contains("1 of 7 checks failed.");
        }
    }

    @Test
    void failsWhenTheCountDoesNotSurviveThePostgresRestart() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_DATA_LOST", "1")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout())
                    .contains("✗ after the restart GET / should answer 3, answered 1: the count did not survive the restart");
        }
    }

    @Test
    void failsWhenOnlyOneReplicaAnswers() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_ONE_REPLICA", "1")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout())
                    .contains("✗ both replicas should answer (through the Service): 10 answers came from one "
                            + "X-Served-By value only: visit-counter-5c8d7f9b4-aaaaa")
                    .contains("1 of 7 checks failed.");
        }
    }

    @Test
    void failsWhenEachReplicaCountsOnItsOwn() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_SPLIT_COUNTS", "1")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout()).contains("✗ a second GET / should answer 2: got HTTP 200, body: {\"visits\":1}")
                    .contains("✗ the replicas (visit-counter-5c8d7f9b4-aaaaa visit-counter-5c8d7f9b4-bbbbb) should share"
                            + " one count, but visit-counter-5c8d7f9b4-aaaaa answered 2 right after"
                            + " visit-counter-5c8d7f9b4-bbbbb answered 2");
        }
    }

    @Test
    void waitsForTheAppWhileItReconnectsToTheNewPostgresPod() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_DB_DOWN_REQUESTS", "2")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "10s");

            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.stdout()).contains("✓ after the restart GET / answers 3: the count survived");
        }
    }

    @Test
    void withAPortForwardItAsksEachPodThroughItsOwnPortForward() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0")) {
            assertThat(cluster.run("run.sh").exitCode()).isZero();

            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.stdout()).contains("at http://127.0.0.1:8080/ (profile 'minikube', namespace visit-counter,"
                            + " via port-forward)")
                    .contains("✓ both replicas answered (one kubectl port-forward per pod; X-Served-By: "
                            + "visit-counter-5c8d7f9b4-aaaaa visit-counter-5c8d7f9b4-bbbbb) and counted on from one shared count, up to 6")
                    .contains("All 7 checks passed.");
            assertThat(verify.callsTo("kubectl", "port-forward service/")).as("run.sh's port-forward is reused").isEmpty();
            assertThat(verify.callsTo("kubectl", "port-forward pod/visit-counter-5c8d7f9b4-aaaaa :8080")).hasSize(1);
            assertThat(verify.callsTo("kubectl", "port-forward pod/visit-counter-5c8d7f9b4-bbbbb :8080")).hasSize(1);
        }
    }

    @Test
    void takesTheUrlAsAnArgumentWithoutAskingMinikube() {
        try (FakeCluster cluster = new FakeCluster().deployed().without("minikube")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s", FakeCluster.NODE_URL + "/");

            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.callsTo("curl")).allSatisfy(call ->
                    assertThat(call.argumentLine()).contains(FakeCluster.NODE_URL + "/"));
        }
    }

    @Test
    void failsClearlyWhenNothingAnswers() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult verify = cluster.run("verify.sh", "http://192.168.49.2:31999");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout()).contains("✗ GET / answers {\"visits\": N}: got no answer (curl: (28)")
                    .contains("./run.sh deploys it").contains("1 of 1 checks failed.");
            assertThat(verify.callsTo("kubectl", "delete")).as("nothing is deleted when the app is not there").isEmpty();
        }
    }

    @Test
    void refusesToRunWithoutMinikubeRunningWhenNoUrlIsGiven() {
        try (FakeCluster cluster = new FakeCluster().stoppedWith("docker")) {
            ScriptResult verify = cluster.run("verify.sh");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stderr()).contains("minikube (profile 'minikube') is stopped")
                    .contains("Then deploy the system with ./run.sh and run ./verify.sh again.");
            assertThat(verify.callsTo("kubectl")).isEmpty();
        }
    }

    @Test
    void onAPausedClusterItSaysToUnpause() {
        try (FakeCluster cluster = new FakeCluster().deployed().paused()) {
            ScriptResult verify = cluster.run("verify.sh");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stderr()).contains("'minikube -p minikube unpause'");
            assertThat(verify.callsTo("kubectl")).isEmpty();
        }
    }

    @Test
    void theTimeoutReachesKubectlWithAUnit() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "300");

            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.callsTo("kubectl", "delete pod")).singleElement()
                    .satisfies(delete -> assertThat(delete.arguments()).contains("--timeout=300s"));
            assertThat(verify.callsTo("kubectl", "wait")).singleElement()
                    .satisfies(wait -> assertThat(wait.arguments()).contains("--timeout=300s"));
        }
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "3 minutes");

            assertThat(verify.exitCode()).isEqualTo(2);
            assertThat(verify.stderr()).contains("Not a duration: '3 minutes'");
            assertThat(verify.calls()).isEmpty();
        }
    }

    /** The step-01 app run locally holds 127.0.0.1:8080 and answers {"visits": N} with this machine's name. */
    @Test
    void anAnswerFromAnythingButTheAppsPodsFailsAndNothingIsDeleted() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_OTHER_SERVER_ON_PORT", "8080")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s", "http://127.0.0.1:8080");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout()).contains("✗ GET / answers {\"visits\": N}: got an answer that is not the visit"
                            + " counter's: X-Served-By learner-laptop is none of the app's pods (visit-counter-5c8d7f9b4-aaaaa"
                            + " visit-counter-5c8d7f9b4-bbbbb); HTTP 200, body: {\"visits\":1}")
                    .contains("Another program answers at http://127.0.0.1:8080/").doesNotContain("✓");
            assertThat(verify.callsTo("kubectl", "delete")).isEmpty();
        }
    }

    /** After the PostgreSQL restart one replica is still unready: check 7 waits for it instead of failing. */
    @Test
    void waitsForBothReplicasToBeReadyAgainBeforeAskingEach() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0").with("FAKE_APP_REPLICA_SLOW", "1")
                .with("FAKE_TERMINATING_APP_POD", "1")) {
            assertThat(cluster.run("run.sh").exitCode()).isZero();

            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.indexOf("kubectl", "rollout status deployment/visit-counter"))
                    .isGreaterThan(verify.indexOf("kubectl", "delete pod"))
                    .isLessThan(verify.indexOf("kubectl", "port-forward pod/"));
            assertThat(verify.callsTo("kubectl", "port-forward pod/")).as("not the pod being deleted").hasSize(2)
                    .noneMatch(forward -> forward.argumentLine().contains("zzzzz"));
            assertThat(verify.stdout()).contains("All 7 checks passed.");
        }
    }

    @Test
    void aReplicaThatNeverBecomesReadyIsReportedAsSuch() {
        try (FakeCluster cluster = new FakeCluster().deployed().with("FAKE_APP_REPLICA_NEVER_READY", "1")) {
            ScriptResult verify = cluster.run("verify.sh", "--timeout", "5s");

            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stdout()).contains("✗ both replicas should be Ready within 5s: error: timed out waiting"
                    + " for the condition (details above)").contains("1 of 7 checks failed.");
            assertThat(verify.stderr()).contains("kubectl describe pods -l app.kubernetes.io/name=visit-counter");
        }
    }

    @Test
    void aMissingToolStopsWithExitCode2() {
        try (FakeCluster cluster = new FakeCluster().deployed().without("curl")) {
            ScriptResult verify = cluster.run("verify.sh");

            assertThat(verify.exitCode()).isEqualTo(2);
            assertThat(verify.stderr()).contains("Missing tools: curl");
            assertThat(verify.calls()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.adoc", "docs/src/docs/asciidoc/final-system.adoc"})
    void theDocsListTheSameChecksAsHelp(String document) throws IOException {
        String text = Files.readString(FakeCluster.REPO.resolve(document));
        String plan = text.substring(text.indexOf("The verification plan that `./verify.sh` runs"));
        plan = plan.substring(0, plan.indexOf("\n\n", plan.indexOf("\n. ")));
        try (FakeCluster cluster = new FakeCluster()) {
            String help = cluster.run("verify.sh", "--help").stdout();

            assertThat(plan.lines().filter(line -> line.startsWith(". ")).count()).as(plan)
                    .isEqualTo(help.lines().filter(line -> line.matches("\\s+\\d\\. .*")).count())
                    .isEqualTo(7);
        }
    }

    @Test
    void helpListsTheChecks() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult verify = cluster.run("verify.sh", "--help");

            assertThat(verify.exitCode()).isZero();
            assertThat(verify.stdout()).contains("X-Served-By").contains("Bound").contains("N+2");
            assertThat(verify.calls()).isEmpty();
        }
    }
}
