package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.RecordedCall;
import com.example.visits.testsupport.scripts.ScriptResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** run.sh against a fake minikube: the stages, their order, failures, missing tools, reruns and the URL. */
class RunScriptTest {

    @Test
    void startsMinikubeBuildsAppliesPostgresThenTheAppAndPrintsTheNodeUrl() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(order(run,
                    "minikube", "status",
                    "minikube", "start --container-runtime=docker",
                    "kubectl", "get nodes -o jsonpath={.items[0].status.nodeInfo.containerRuntimeVersion}",
                    "minikube", "docker-env --shell bash",
                    "mvnw", "-B -pl final -am package k8s:build -DskipTests -Dimage.tag=",
                    "docker", "image inspect visit-counter:",
                    "kubectl", "apply -f final/target/classes/META-INF/jkube/kubernetes.yml -l app.kubernetes.io/component in (config,database)",
                    "kubectl", "rollout status statefulset/postgres",
                    "kubectl", "apply -f final/target/classes/META-INF/jkube/kubernetes.yml -l app.kubernetes.io/component=web",
                    "kubectl", "rollout status deployment/visit-counter",
                    "kubectl", "get service visit-counter"))
                    .as(run.describe()).isSorted().doesNotContain(-1);
            for (int stage = 1; stage <= 9; stage++) {
                assertThat(run.stdout()).contains("[" + stage + "/9]");
            }
            assertThat(run.stdout()).contains("    " + FakeCluster.NODE_URL + "/").doesNotContain("port-forward");
            assertThat(run.callsTo("kubectl", "port-forward")).isEmpty();
        }
    }

    @Test
    void buildsTheImageInMinikubesDockerWithOneTagThatTheManifestUses() throws IOException {
        try (FakeCluster cluster = new FakeCluster().running()) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "start")).isEmpty();
            assertThat(run.callsTo("mvnw")).as("one reactor command, nothing installed into ~/.m2").hasSize(1);
            RecordedCall build = run.callsTo("mvnw").get(0);
            assertThat(build.arguments()).doesNotContain("install");
            assertThat(build.environment("DOCKER_HOST")).isEqualTo("tcp://192.168.49.2:2376");
            assertThat(build.workingDirectory()).isEqualTo(cluster.sandbox().repo().toString());
            String tag = imageTag(build);
            assertThat(tag).startsWith("dev-").isNotEqualTo("latest");
            assertThat(run.callsTo("docker", "context")).as("no Docker context is read for minikube's daemon").isEmpty();
            assertThat(run.callsTo("docker", "image inspect")).singleElement().satisfies(inspect -> {
                assertThat(inspect.arguments()).containsExactly("image", "inspect", "visit-counter:" + tag);
                assertThat(inspect.environment("DOCKER_HOST")).isEqualTo("tcp://192.168.49.2:2376");
            });
            assertThat(Files.readString(cluster.generatedManifest())).contains("image: visit-counter:" + tag);
            assertThat(run.stdout()).contains("visit-counter:" + tag);
        }
    }

    @Test
    void onAContainerdClusterItBuildsWithThisMachinesDockerAndLoadsTheImageIntoMinikube() {
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "docker-env"))
                    .as("docker-env on containerd gives an ssh:// DOCKER_HOST that JKube cannot use").isEmpty();
            String tag = imageTag(run.callsTo("mvnw").get(0));
            String image = "visit-counter:" + tag;
            assertThat(run.callsTo("mvnw")).singleElement()
                    .satisfies(build -> assertThat(build.environment("DOCKER_HOST")).isNull());
            assertThat(run.callsTo("docker", "image inspect")).singleElement().satisfies(inspect -> {
                assertThat(inspect.arguments()).containsExactly("image", "inspect", image);
                assertThat(inspect.environment("DOCKER_HOST")).as("this machine's daemon").isNull();
            });
            assertThat(order(run,
                    "mvnw", "package k8s:build",
                    "docker", "image inspect " + image,
                    "minikube", "image load " + image,
                    "minikube", "image ls",
                    "kubectl", "apply"))
                    .as(run.describe()).isSorted().doesNotContain(-1);
            assertThat(run.callsTo("minikube", "image load")).singleElement()
                    .satisfies(load -> assertThat(load.arguments()).containsExactly("-p", "minikube", "image", "load", image));
            assertThat(cluster.state("images")).contains(image);
            assertThat(run.stdout())
                    .contains("minikube runs the containerd container runtime, with no Docker daemon for JKube to build into")
                    .contains("so JKube builds with this machine's Docker")
                    .contains(image + " reached minikube through 'minikube image load' from this machine's Docker"
                            + " (minikube runs containerd, not Docker)");
        }
    }

    /**
     * minikube writes its low-fi prefixes ("X " error, "! " warning) wherever stderr is not a colour terminal, as when
     * run.sh captures it in a file (minikube pkg/minikube/out/out.go wantsColor, style.go LowPrefix), and emoji to a
     * colour terminal; a warning may come first.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "X Exiting due to ENV_MULTINODE_CONFLICT: The docker-env command is incompatible with multi-node clusters."
                    + " Use the 'registry' add-on: https://minikube.sigs.k8s.io/docs/handbook/registry/",
            "! Executing \"docker container inspect minikube --format={{.State.Status}}\" took an unusually long time: 2.1s\n"
                    + "X Exiting due to ENV_MULTINODE_CONFLICT: The docker-env command is incompatible with multi-node clusters."
                    + " Use the 'registry' add-on: https://minikube.sigs.k8s.io/docs/handbook/registry/",
            "❌  Exiting due to ENV_MULTINODE_CONFLICT: The docker-env command is incompatible with multi-node clusters."
                    + " Use the 'registry' add-on: https://minikube.sigs.k8s.io/docs/handbook/registry/"})
    void onADockerClusterWhoseDockerEnvFailsItLoadsTheImageAndSaysWhy(String multiNode) {
        try (FakeCluster cluster = new FakeCluster().running().with("FAKE_DOCKER_ENV_ERROR", multiNode)) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "docker-env")).hasSize(1);
            assertThat(run.callsTo("mvnw")).singleElement()
                    .satisfies(build -> assertThat(build.environment("DOCKER_HOST")).isNull());
            assertThat(run.callsTo("minikube", "image load")).hasSize(1);
            assertThat(run.stdout())
                    .contains("'minikube docker-env' failed: Exiting due to ENV_MULTINODE_CONFLICT: The docker-env command")
                    .doesNotContain("failed: X ").doesNotContain("failed: Executing")
                    .contains("reached minikube through 'minikube image load' from this machine's Docker ('minikube"
                            + " docker-env' failed)");
        }
    }

    @Test
    void aStoppedClusterIsStartedWithoutSwitchingItsRuntimeSoItKeepsItsImages() {
        try (FakeCluster cluster = new FakeCluster().stoppedWith("containerd").holdingImages("postgres:16-alpine")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "start")).singleElement()
                    .satisfies(start -> assertThat(start.arguments()).containsExactly("-p", "minikube", "start"));
            assertThat(run.stdout()).contains("stopped (host: Stopped, kubelet: Stopped, apiserver: Stopped,"
                    + " kubeconfig: Stopped): starting it, with the container runtime it was created with");
            assertThat(cluster.state("runtime")).isEqualTo("containerd\n");
            assertThat(cluster.state("images")).as("what the runtime held").contains("postgres:16-alpine");
            assertThat(run.callsTo("minikube", "docker-env")).isEmpty();
            assertThat(run.callsTo("minikube", "image load")).hasSize(1);
        }
    }

    @Test
    void aPausedClusterIsNotStartedButTheLearnerIsToldToUnpauseIt() {
        try (FakeCluster cluster = new FakeCluster().running().paused()) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("minikube (profile 'minikube') is paused (host: Running, kubelet: Stopped,"
                    + " apiserver: Paused, kubeconfig: Configured): resume it with 'minikube -p minikube unpause',"
                    + " then run ./run.sh again.");
            assertThat(run.callsTo("minikube", "start")).isEmpty();
            assertThat(run.callsTo("mvnw")).isEmpty();
            assertThat(run.callsTo("kubectl")).isEmpty();
        }
    }

    @Test
    void aClusterWhoseKubectlContextIsGoneIsNotStartedButTheLearnerIsToldToUpdateIt() {
        try (FakeCluster cluster = new FakeCluster().running().withoutKubectlContext()) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("kubectl has no working context 'minikube'")
                    .contains("'minikube -p minikube update-context' writes it again");
            assertThat(run.callsTo("minikube", "start")).isEmpty();
            assertThat(run.callsTo("kubectl")).isEmpty();
        }
    }

    @Test
    void theLearnersStartArgsMayChooseAnotherRuntime() {
        try (FakeCluster cluster = new FakeCluster().with("MINIKUBE_START_ARGS", "--container-runtime=containerd")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "start")).singleElement()
                    .satisfies(start -> assertThat(start.arguments()).containsExactly(
                            "-p", "minikube", "start", "--container-runtime=docker", "--container-runtime=containerd"));
            assertThat(cluster.state("runtime")).isEqualTo("containerd\n");
            assertThat(run.callsTo("minikube", "image load")).hasSize(1);
        }
    }

    @Test
    void aFailedImageLoadStopsWithItsMessageBeforeAnythingIsApplied() {
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd")
                .with("FAKE_FAIL", "minikube -p minikube image load *")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("fake failure of: minikube -p minikube image load visit-counter:dev-")
                    .contains("'minikube -p minikube image load visit-counter:dev-").contains("' failed (see above)");
            assertThat(run.callsTo("kubectl", "apply")).isEmpty();
        }
    }

    @Test
    void anImageLoadThatLoadedNothingIsCaughtByAskingMinikube() {
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd").with("FAKE_IMAGE_LOAD_NOOP", "1")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("'minikube image load' reported no error, but 'minikube -p minikube image ls'"
                    + " does not list visit-counter:dev-");
            assertThat(run.callsTo("kubectl", "apply")).isEmpty();
        }
    }

    @Test
    void withoutADockerDaemonHereTheLoadPathsBuildFailureSaysWhatItNeeds() {
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd").with("FAKE_LOCAL_DOCKER", "0")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("No <dockerHost> given")
                    .contains("JKube built with this machine's Docker because minikube runs the containerd container runtime")
                    .contains("is a Docker daemon running here ('docker info')?")
                    .contains("the build failed");
            assertThat(run.callsTo("minikube", "image load")).isEmpty();
        }
    }

    /**
     * The labs run in the namespace default and leave a claim postgres-data there; the finished system has its own
     * namespace, so nothing of the labs is asked about, replaced or refused (the fake kubectl refuses any call that
     * does not name the namespace visit-counter).
     */
    @Test
    void keepsTheVolumeOfAnEarlierRunInItsOwnNamespace() {
        try (FakeCluster cluster = new FakeCluster().running().withVolumeHolding(7)) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stdout()).contains("persistentvolumeclaim/postgres-data configured");
            assertThat(run.callsTo("kubectl", "delete")).isEmpty();
            assertThat(cluster.state("visits")).isEqualTo("7\n");
        }
    }

    @Test
    void talksToTheProfilesOwnContextOnly() {
        try (FakeCluster cluster = new FakeCluster().with("MINIKUBE_PROFILE", "workbook")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube")).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.arguments()).startsWith("-p", "workbook"));
            assertThat(run.callsTo("kubectl")).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.arguments()).startsWith("--context", "workbook", "--namespace",
                            "visit-counter"));
        }
    }

    @Test
    void passesMinikubeStartArgsAndTheTimeout() {
        try (FakeCluster cluster = new FakeCluster().with("MINIKUBE_START_ARGS", "--cni=calico --driver=docker")) {
            ScriptResult run = cluster.run("run.sh", "--timeout", "90s");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "start")).singleElement()
                    .satisfies(start -> assertThat(start.arguments()).containsExactly(
                            "-p", "minikube", "start", "--container-runtime=docker", "--cni=calico", "--driver=docker"));
            assertThat(run.callsTo("kubectl", "rollout status")).hasSize(2)
                    .allSatisfy(wait -> assertThat(wait.arguments()).contains("--timeout=90s"));
        }
    }

    @ParameterizedTest(name = "--timeout {0} reaches kubectl as --timeout={1}")
    @CsvSource({"300, 300s", "90s, 90s", "5m, 300s", "5m30s, 330s", "1h, 3600s"})
    void theTimeoutReachesKubectlInAFormItAccepts(String given, String kubectlTakes) {
        try (FakeCluster cluster = new FakeCluster().running()) {
            ScriptResult run = cluster.run("run.sh", "--timeout", given);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("kubectl", "rollout status")).hasSize(2)
                    .allSatisfy(wait -> assertThat(wait.arguments()).contains("--timeout=" + kubectlTakes));
            assertThat(run.stdout()).contains("up to " + given + ")");
        }
    }

    @Test
    void theTimeoutMayComeFromTheEnvironment() {
        try (FakeCluster cluster = new FakeCluster().running().with("WAIT_TIMEOUT", "120")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("kubectl", "rollout status"))
                    .allSatisfy(wait -> assertThat(wait.arguments()).contains("--timeout=120s"));
        }
    }

    @ParameterizedTest(name = "--timeout {0}")
    @ValueSource(strings = {"5x", "m", "5ms", "-1s", "0", "1.5m"})
    void aTimeoutThatIsNotADurationIsAUsageErrorBeforeAnythingRuns(String given) {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult run = cluster.run("run.sh", "--timeout", given);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).containsAnyOf("Not a duration: '" + given + "'", "at least 1s")
                    .contains("Run ./run.sh --help for the options. Nothing was changed.");
            assertThat(run.calls()).isEmpty();
        }
    }

    @ParameterizedTest(name = "--port {0}")
    @ValueSource(strings = {"80", "http", "70000"})
    void aPortThatCannotBeUsedIsAUsageError(String given) {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult run = cluster.run("run.sh", "--port", given);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).containsAnyOf("Not a port", "between 1024 and 65535");
            assertThat(run.calls()).isEmpty();
        }
    }

    /** Colima, Docker Desktop for Linux, Rancher Desktop and rootless Docker: docker works through a context. */
    @Test
    void whereDockerIsReachedThroughAContextJKubeIsGivenThatContextsEndpoint() {
        String colima = "unix:///Users/learner/.colima/default/docker.sock";
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd").with("FAKE_DOCKER_CONTEXT_HOST", colima)) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("mvnw")).singleElement()
                    .satisfies(build -> assertThat(build.environment("DOCKER_HOST")).isEqualTo(colima));
            assertThat(run.callsTo("docker", "image inspect")).singleElement()
                    .satisfies(inspect -> assertThat(inspect.environment("DOCKER_HOST")).isEqualTo(colima));
            assertThat(run.stdout()).contains("DOCKER_HOST is not set and JKube does not read Docker contexts: using the"
                    + " current Docker context's endpoint, DOCKER_HOST=" + colima);
            assertThat(cluster.state("images")).contains("visit-counter:dev-");
        }
    }

    @Test
    void aDockerHostTheLearnerSetIsKept() {
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd")
                .with("DOCKER_HOST", "unix:///var/run/docker.sock")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("docker", "context")).isEmpty();
            assertThat(run.stdout()).doesNotContain("Docker context");
        }
    }

    /** JAVA_HOME names a JDK 21 while the java on PATH is a Java 11: JKube's layer extraction runs the PATH one. */
    @Test
    void theJdkThatJavaHomeNamesIsFirstOnPathForTheBuild() {
        try (FakeCluster cluster = new FakeCluster().running().with("FAKE_JAVA_VERSION", "11.0.2")
                .withJavaHome("21.0.5")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stdout()).contains("JDK 21").contains("its bin/ goes first on PATH for the build");
        }
    }

    /**
     * kubectl port-forward listens on 127.0.0.1 and ::1 and keeps running when one of them is taken: here the step-01
     * app run locally holds 127.0.0.1:8080 and answers like the visit counter, from this machine.
     */
    @Test
    void anotherServerOnTheLocalPortIsNotTakenForTheVisitCounter() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0")
                .with("FAKE_OTHER_SERVER_ON_PORT", "8080")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
            assertThat(run.stderr()).contains("Forwarding from [::1]:8080 -> 8080")
                    .contains("something else answers on 127.0.0.1:8080 (HTTP 200, X-Served-By: learner-laptop, which is"
                            + " none of the app's pods)")
                    .contains("try: ./run.sh --port 18080");
            assertThat(run.stdout()).doesNotContain("The visit counter is running");
            assertThat(cluster.portForwardPidFile()).doesNotExist();
        }
    }

    @Test
    void theSecondRunRemovesTheFirstRunsImageFromMinikubesDocker() {
        try (FakeCluster cluster = new FakeCluster().running()) {
            String first = imageTag(cluster.run("run.sh").callsTo("mvnw").get(0));
            ScriptResult second = cluster.run("run.sh");

            assertThat(second.exitCode()).as(second.describe()).isZero();
            String kept = imageTag(second.callsTo("mvnw").get(0));
            assertThat(second.callsTo("docker", "image rm")).singleElement()
                    .satisfies(rm -> {
                        assertThat(rm.arguments()).containsExactly("image", "rm", "visit-counter:" + first);
                        assertThat(rm.environment("DOCKER_HOST")).isEqualTo("tcp://192.168.49.2:2376");
                    });
            assertThat(second.stdout()).contains("removed 1 old visit-counter image(s) from minikube's Docker: 187.7 MB"
                    + " at most (layers that visit-counter:" + kept + " shares stay)");
            assertThat(cluster.state("images")).doesNotContain(first).contains(kept);
        }
    }

    @Test
    void onTheImageLoadRouteTheOldImageLeavesThisMachinesDockerMinikubeAndItsCache() throws IOException {
        try (FakeCluster cluster = new FakeCluster().runningWith("containerd")) {
            String first = imageTag(cluster.run("run.sh").callsTo("mvnw").get(0));
            ScriptResult second = cluster.run("run.sh");

            assertThat(second.exitCode()).as(second.describe()).isZero();
            String kept = imageTag(second.callsTo("mvnw").get(0));
            assertThat(second.callsTo("minikube", "image rm")).singleElement().satisfies(rm ->
                    assertThat(rm.arguments()).containsExactly("-p", "minikube", "image", "rm",
                            "docker.io/library/visit-counter:" + first));
            assertThat(second.stdout())
                    .contains("removed 1 old visit-counter image(s) from this machine's Docker: 187.7 MB at most")
                    .contains("removed 1 old visit-counter image(s) from minikube's containerd")
                    .contains("removed 1 old visit-counter tarball(s) from minikube's image cache: 1.5 MB freed");
            assertThat(cluster.state("images")).doesNotContain(first).contains(kept);
            assertThat(cluster.state("local-images")).doesNotContain(first).contains(kept);
            try (var cache = Files.list(cluster.sandbox().root().resolve("home/.minikube/cache/images/amd64"))) {
                assertThat(cache.map(file -> file.getFileName().toString())).containsExactly("visit-counter_" + kept);
            }
        }
    }

    @Test
    void runningTwiceRollsOutANewTagAndAppliesTheSameObjectsAgain() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult first = cluster.run("run.sh");
            ScriptResult second = cluster.run("run.sh");

            assertThat(first.exitCode()).as(first.describe()).isZero();
            assertThat(second.exitCode()).as(second.describe()).isZero();
            assertThat(imageTag(second.callsTo("mvnw").get(0))).isNotEqualTo(imageTag(first.callsTo("mvnw").get(0)));
            assertThat(second.callsTo("minikube", "start")).isEmpty();
            for (ScriptResult run : List.of(first, second)) {
                assertThat(run.callsTo("kubectl", "apply -f")).hasSize(2);
                assertThat(run.callsTo("kubectl")).noneMatch(call -> call.hasArgument("create") || call.hasArgument("run")
                        || call.hasArgument("replace") || call.hasArgument("delete"));
            }
            assertThat(second.stdout()).contains("deployment.apps/visit-counter configured")
                    .contains("statefulset.apps/postgres configured").contains("namespace/visit-counter unchanged")
                    .doesNotContain("deployment.apps/visit-counter created");
        }
    }

    @Test
    void aFailedWaitShowsWhyAndStopsBeforeTheApp() {
        try (FakeCluster cluster = new FakeCluster()
                .with("FAKE_FAIL", "kubectl --context minikube --namespace visit-counter rollout status statefulset/postgres*")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("statefulset/postgres did not become ready within 300s")
                    .contains("kubectl describe pods -l app.kubernetes.io/name=postgres")
                    .contains("last log lines").contains("(fake) last log line");
            assertThat(run.stderr()).as("the scheduler's and the provisioner's warnings, which say why the pod waits")
                    .contains("ProvisioningFailed  PersistentVolumeClaim/postgres-data")
                    .contains("FailedScheduling    Pod/postgres-0");
            assertThat(run.callsTo("kubectl", "describe pods -l app.kubernetes.io/name=postgres")).hasSize(1);
            assertThat(run.callsTo("kubectl", "logs -l app.kubernetes.io/name=postgres")).hasSize(1);
            assertThat(run.callsTo("kubectl", "component=web")).isEmpty();
            assertThat(run.stdout()).doesNotContain("[6/9]");
        }
    }

    @Test
    void aFailedBuildStopsWithMavensLastLinesBeforeAnythingIsApplied() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_FAIL", "mvnw -B -pl final -am package k8s:build*")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("fake failure of: mvnw -B -pl final -am package k8s:build")
                    .contains("the build failed: './mvnw -pl final -am package k8s:build -DskipTests -Dimage.tag=dev-");
            assertThat(run.callsTo("kubectl")).as("only questions, no change").extracting(call -> call.arguments().get(4))
                    .containsOnly("get");
        }
    }

    @Test
    void aFailedMinikubeStartStopsTheRun() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_FAIL", "minikube -p minikube start*")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("minikube start failed");
            assertThat(run.callsTo("mvnw")).isEmpty();
            assertThat(run.callsTo("kubectl")).isEmpty();
        }
    }

    @Test
    void refusesAManifestThatDoesNotUseTheNewTag() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_MANIFEST_IGNORES_TAG", "1")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("does not use visit-counter:dev-").contains("${image.tag}");
            assertThat(run.callsTo("kubectl", "apply")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minikube", "kubectl", "docker", "java", "javac", "curl"})
    void aMissingToolStopsWithExitCode2AndAnInstallHintBeforeAnyChange(String tool) {
        try (FakeCluster cluster = new FakeCluster().without(tool)) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).contains("Missing tools: " + tool).contains("install ")
                    .contains("Nothing was changed");
            assertThat(run.calls()).as("no tool may run before the preflight passed").isEmpty();
        }
    }

    @Test
    void allMissingToolsAreNamedAtOnce() {
        try (FakeCluster cluster = new FakeCluster().without("minikube").without("kubectl")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).contains("Missing tools: minikube kubectl")
                    .contains("https://minikube.sigs.k8s.io/docs/start/").contains("https://kubernetes.io/docs/tasks/tools/");
        }
    }

    @Test
    void aJavaOlderThan17IsAMissingJdk() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_JAVA_VERSION", "11.0.2")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).contains("Java 17 or newer is needed").contains("11.0.2");
            assertThat(run.calls()).extracting(RecordedCall::command).containsOnly("java");
        }
    }

    @Test
    void withoutAReachableNodeIpItStartsAPortForwardAndSaysHowToStopIt() throws IOException {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0")) {
            ScriptResult run = cluster.run("run.sh", "--port", "18080");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("kubectl", "port-forward")).singleElement()
                    .satisfies(forward -> assertThat(forward.arguments()).containsExactly(
                            "--context", "minikube", "--namespace", "visit-counter", "port-forward",
                            "service/visit-counter", "18080:8080"));
            String pid = Files.readString(cluster.portForwardPidFile()).trim();
            assertThat(ProcessHandle.of(Long.parseLong(pid))).as("the port-forward keeps running").isPresent();
            assertThat(run.stdout()).contains("    http://127.0.0.1:18080/")
                    .contains("Stop it with: kill " + pid).contains("./stop.sh stops it too");
        }
    }

    @Test
    void aPortForwardThatCannotListenIsReported() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0").with("FAKE_PORT_TAKEN", "1")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("Unable to listen on port 8080")
                    .contains("is port 8080 taken? try: ./run.sh --port 18080");
        }
    }

    @Test
    void helpNamesTheOptionsAndChangesNothing() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult run = cluster.run("run.sh", "--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).contains("MINIKUBE_PROFILE").contains("--timeout").contains("--port")
                    .contains("MINIKUBE_START_ARGS").contains("./stop.sh");
            assertThat(run.calls()).isEmpty();
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        try (FakeCluster cluster = new FakeCluster()) {
            ScriptResult run = cluster.run("run.sh", "--frobnicate");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr()).contains("Unknown option: --frobnicate").contains("Usage: ./run.sh");
            assertThat(run.calls()).isEmpty();
        }
    }

    private static String imageTag(RecordedCall build) {
        return build.arguments().stream().filter(argument -> argument.startsWith("-Dimage.tag="))
                .map(argument -> argument.substring("-Dimage.tag=".length())).findFirst().orElseThrow();
    }

    /** For pairs (command, fragment): the position of each first matching call. */
    private static List<Integer> order(ScriptResult run, String... commandsAndFragments) {
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < commandsAndFragments.length; i += 2) {
            positions.add(run.indexOf(commandsAndFragments[i], commandsAndFragments[i + 1]));
        }
        return positions;
    }
}
