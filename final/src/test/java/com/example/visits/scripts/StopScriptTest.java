package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.ScriptResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** stop.sh against a fake minikube: what it deletes, what it keeps, and that it is safe on an empty cluster. */
class StopScriptTest {

    private static final String DELETE_APP =
            "delete deployment,service,configmap,secret -l app.kubernetes.io/name=visit-counter --ignore-not-found";
    private static final String DELETE_POSTGRES =
            "delete statefulset,service,networkpolicy -l app.kubernetes.io/name=postgres --ignore-not-found";
    private static final String DELETE_PVC = "delete persistentvolumeclaim postgres-data --ignore-not-found";

    @Test
    void deletesTheAppThenPostgresAndKeepsTheVolume() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult stop = cluster.run("stop.sh");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.indexOf("kubectl", DELETE_APP)).isNotNegative()
                    .isLessThan(stop.indexOf("kubectl", DELETE_POSTGRES));
            assertThat(stop.callsTo("kubectl", "delete persistentvolumeclaim")).isEmpty();
            assertThat(stop.callsTo("minikube", "stop")).isEmpty();
            assertThat(stop.stdout())
                    .contains("deleted: deployment.apps \"visit-counter\" deleted")
                    .contains("deleted: secret \"db-credentials\" deleted")
                    .contains("deleted: statefulset.apps \"postgres\" deleted")
                    .contains("deleted: networkpolicy.networking.k8s.io \"postgres-allow-app\" deleted")
                    .contains("kept: persistentvolumeclaim/postgres-data in the namespace visit-counter (the count survives;"
                            + " ./stop.sh --purge deletes it)");
            assertThat(stop.callsTo("kubectl", "delete namespace")).as("it holds the claim").isEmpty();
            assertThat(cluster.has("pvc")).isTrue();
            assertThat(cluster.has("deployed-app")).isFalse();
            assertThat(cluster.has("deployed-db")).isFalse();
        }
    }

    @Test
    void purgeAlsoDeletesTheVolume() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult stop = cluster.run("stop.sh", "--purge");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.indexOf("kubectl", DELETE_PVC)).isGreaterThan(stop.indexOf("kubectl", DELETE_POSTGRES));
            assertThat(stop.stdout()).contains("deleted: persistentvolumeclaim \"postgres-data\" deleted")
                    .contains("minikube's provisioner deleted persistentvolume/pvc-3f1c2d4e-8a9b-4c5d-9e0f-1a2b3c4d5e6f and"
                            + " its data (/tmp/hostpath-provisioner/visit-counter/postgres-data on the node)")
                    .contains("deleted: namespace \"visit-counter\" deleted")
                    .contains("the count is gone").doesNotContain("kept:");
            assertThat(stop.indexOf("kubectl", "delete namespace visit-counter"))
                    .isGreaterThan(stop.indexOf("kubectl", DELETE_PVC));
            assertThat(stop.callsTo("minikube", "ssh")).as("nothing left on the node to remove").isEmpty();
            assertThat(cluster.has("pvc")).isFalse();
        }
    }

    /**
     * After a minikube restart the provisioner no longer deletes the volumes it made before (kubernetes/minikube#16140):
     * the volume stays Released and the data stays on the node, where a new claim postgres-data would find it.
     */
    @Test
    void purgeRemovesTheDataThatMinikubesProvisionerLeavesAfterARestart() {
        try (FakeCluster cluster = new FakeCluster().deployed().withVolumeHolding(41).provisionedBeforeARestart()) {
            ScriptResult stop = cluster.run("stop.sh", "--purge");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.stdout())
                    .contains("persistentvolume/pvc-3f1c2d4e-8a9b-4c5d-9e0f-1a2b3c4d5e6f outlived its claim")
                    .contains("deleted: persistentvolume \"pvc-3f1c2d4e-8a9b-4c5d-9e0f-1a2b3c4d5e6f\" deleted")
                    .contains("removed /tmp/hostpath-provisioner/visit-counter/postgres-data on minikube's node: the count"
                            + " is gone");
            assertThat(stop.callsTo("minikube", "ssh")).singleElement().satisfies(ssh -> assertThat(ssh.arguments())
                    .containsExactly("-p", "minikube", "ssh", "--", "sudo", "rm", "-rf",
                            "/tmp/hostpath-provisioner/visit-counter/postgres-data"));
            assertThat(cluster.state("visits")).isEmpty();
            assertThat(cluster.has("volume-released")).isFalse();
        }
    }

    @Test
    void allAlsoStopsMinikubeAfterDeleting() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult stop = cluster.run("stop.sh", "--all");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.indexOf("minikube", "-p minikube stop")).isGreaterThan(stop.indexOf("kubectl", DELETE_POSTGRES));
            assertThat(stop.callsTo("kubectl", "delete persistentvolumeclaim")).isEmpty();
            assertThat(stop.stdout()).contains("[4/4] Stopping minikube").contains("kept: persistentvolumeclaim/postgres-data");
            assertThat(cluster.has("minikube-running")).isFalse();
        }
    }

    @Test
    void purgeAndAllTogether() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            ScriptResult stop = cluster.run("stop.sh", "--purge", "--all");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.callsTo("kubectl", DELETE_PVC)).hasSize(1);
            assertThat(stop.callsTo("minikube", "stop")).hasSize(1);
        }
    }

    @Test
    void isSafeWhenNothingIsDeployed() {
        try (FakeCluster cluster = new FakeCluster().running()) {
            ScriptResult stop = cluster.run("stop.sh");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.callsTo("kubectl", "delete")).isNotEmpty()
                    .allSatisfy(delete -> assertThat(delete.arguments()).contains("--ignore-not-found"));
            assertThat(stop.stdout()).contains("nothing was deployed: nothing deleted").doesNotContain("deleted:")
                    .doesNotContain("kept:");
        }
    }

    @Test
    void runningItTwiceIsFine() {
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            assertThat(cluster.run("stop.sh").exitCode()).isZero();
            ScriptResult again = cluster.run("stop.sh");

            assertThat(again.exitCode()).as(again.describe()).isZero();
            assertThat(again.stdout()).contains("nothing was deployed").contains("kept: persistentvolumeclaim/postgres-data");
            assertThat(again.callsTo("kubectl")).allSatisfy(call ->
                    assertThat(call.arguments()).startsWith("--context", "minikube", "--namespace", "visit-counter"));
        }
    }

    @Test
    void withMinikubeStoppedThereIsNothingToDelete() {
        try (FakeCluster cluster = new FakeCluster().stoppedWith("docker")) {
            ScriptResult stop = cluster.run("stop.sh", "--all");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.callsTo("kubectl")).isEmpty();
            assertThat(stop.callsTo("minikube", "stop")).isEmpty();
            assertThat(stop.stdout()).contains("minikube is stopped: nothing can be deleted now")
                    .contains("minikube is not running: nothing to stop");
        }
    }

    @Test
    void withoutAProfileThereIsNothingToDeleteOrPurge() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult stop = cluster.run("stop.sh", "--purge");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.callsTo("kubectl")).isEmpty();
            assertThat(stop.stdout()).contains("there is no minikube profile 'minikube': nothing is deployed.");
        }
    }

    /** Nothing can be deleted from a paused cluster (its apiserver is paused): not "nothing is deployed". */
    @Test
    void aPausedClusterIsNotTakenForAStoppedOne() {
        try (FakeCluster cluster = new FakeCluster().deployed().paused()) {
            ScriptResult stop = cluster.run("stop.sh");

            assertThat(stop.exitCode()).isEqualTo(1);
            assertThat(stop.stdout()).doesNotContain("nothing is deployed");
            assertThat(stop.stderr()).contains("is paused").contains("'minikube -p minikube unpause'")
                    .contains("then run ./stop.sh again");
            assertThat(cluster.has("deployed-app")).isTrue();
        }
    }

    @Test
    void aMissingKubectlContextIsNotTakenForAStoppedCluster() {
        try (FakeCluster cluster = new FakeCluster().deployed().withoutKubectlContext()) {
            ScriptResult stop = cluster.run("stop.sh");

            assertThat(stop.exitCode()).isEqualTo(1);
            assertThat(stop.stderr()).contains("'minikube -p minikube update-context'");
            assertThat(stop.callsTo("kubectl")).isEmpty();
        }
    }

    /**
     * After a reboot the PID in run.sh's PID file may belong to another process: stop.sh must not signal it. The
     * stand-in is a sleep started here, which is no kubectl port-forward.
     */
    @Test
    void aPidFileThatNamesAnotherProcessIsNotSignalled() throws IOException, InterruptedException {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            Files.createDirectories(cluster.portForwardPidFile().getParent());
            Files.writeString(cluster.portForwardPidFile(), unrelated.pid() + "\n");

            ScriptResult stop = cluster.run("stop.sh");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(unrelated.isAlive()).as("the unrelated process still runs").isTrue();
            assertThat(stop.stdout()).contains("the PID file named PID " + unrelated.pid()
                    + ", which is not run.sh's kubectl port-forward now: left alone");
            assertThat(cluster.portForwardPidFile()).doesNotExist();
        } finally {
            unrelated.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void purgeWithMinikubeStoppedSaysWhatToDo() {
        try (FakeCluster cluster = new FakeCluster().stoppedWith("docker")) {
            ScriptResult stop = cluster.run("stop.sh", "--purge");

            assertThat(stop.exitCode()).isEqualTo(1);
            assertThat(stop.stderr()).contains("--purge needs the cluster").contains("minikube -p minikube start");
        }
    }

    @Test
    void stopsThePortForwardThatRunShStarted() throws IOException, InterruptedException {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0")) {
            assertThat(cluster.run("run.sh").exitCode()).isZero();
            long pid = Long.parseLong(Files.readString(cluster.portForwardPidFile()).trim());

            ScriptResult stop = cluster.run("stop.sh");

            assertThat(stop.exitCode()).as(stop.describe()).isZero();
            assertThat(stop.stdout()).contains("stopped kubectl port-forward (PID " + pid + ")");
            ProcessHandle forward = ProcessHandle.of(pid).orElse(null);
            if (forward != null) {
                forward.onExit().get(5, TimeUnit.SECONDS);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(cluster.portForwardPidFile()).doesNotExist();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the port-forward did not stop", e);
        }
    }

    @Test
    void aMissingToolStopsWithExitCode2BeforeAnyChange() {
        try (FakeCluster cluster = new FakeCluster().deployed().without("kubectl")) {
            ScriptResult stop = cluster.run("stop.sh", "--purge");

            assertThat(stop.exitCode()).isEqualTo(2);
            assertThat(stop.stderr()).contains("Missing tools: kubectl").contains("https://kubernetes.io/docs/tasks/tools/");
            assertThat(stop.calls()).isEmpty();
            assertThat(cluster.has("pvc")).isTrue();
        }
    }

    @Test
    void helpExplainsPurgeAndAll() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult stop = cluster.run("stop.sh", "-h");

            assertThat(stop.exitCode()).isZero();
            assertThat(stop.stdout()).contains("--purge").contains("--all").contains("MINIKUBE_PROFILE");
            assertThat(stop.calls()).isEmpty();
        }
    }
}
