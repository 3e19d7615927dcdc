package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.RecordedCall;
import com.example.visits.testsupport.scripts.ScriptResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
                    "minikube", "start",
                    "minikube", "docker-env",
                    "mvnw", "-pl final -am install -DskipTests -Dimage.tag=",
                    "mvnw", "-pl final k8s:build k8s:resource -Dimage.tag=",
                    "docker", "image inspect visit-counter:",
                    "kubectl", "apply -f final/target/classes/META-INF/jkube/kubernetes.yml -l app.kubernetes.io/component in (config,database)",
                    "kubectl", "rollout status deployment/postgres",
                    "kubectl", "apply -f final/target/classes/META-INF/jkube/kubernetes.yml -l app.kubernetes.io/component=web",
                    "kubectl", "rollout status deployment/visit-counter",
                    "kubectl", "get service visit-counter"))
                    .as(run.describe()).isSorted().doesNotContain(-1);
            for (int stage = 1; stage <= 8; stage++) {
                assertThat(run.stdout()).contains("[" + stage + "/8]");
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
            List<RecordedCall> builds = run.callsTo("mvnw");
            assertThat(builds).hasSize(2).allSatisfy(build -> {
                assertThat(build.environment("DOCKER_HOST")).isEqualTo("tcp://192.168.49.2:2376");
                assertThat(build.workingDirectory()).isEqualTo(cluster.sandbox().repo().toString());
            });
            String tag = imageTag(builds.get(0));
            assertThat(imageTag(builds.get(1))).isEqualTo(tag).startsWith("dev-").isNotEqualTo("latest");
            assertThat(run.callsTo("docker")).singleElement().satisfies(inspect -> {
                assertThat(inspect.arguments()).containsExactly("image", "inspect", "visit-counter:" + tag);
                assertThat(inspect.environment("DOCKER_HOST")).isEqualTo("tcp://192.168.49.2:2376");
            });
            assertThat(Files.readString(cluster.generatedManifest())).contains("image: visit-counter:" + tag);
            assertThat(run.stdout()).contains("visit-counter:" + tag);
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
                    .allSatisfy(call -> assertThat(call.arguments()).startsWith("--context", "workbook"));
        }
    }

    @Test
    void passesMinikubeStartArgsAndTheTimeout() {
        try (FakeCluster cluster = new FakeCluster().with("MINIKUBE_START_ARGS", "--cni=calico --driver=docker")) {
            ScriptResult run = cluster.run("run.sh", "--timeout", "90s");

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.callsTo("minikube", "start")).singleElement()
                    .satisfies(start -> assertThat(start.arguments()).containsExactly(
                            "-p", "minikube", "start", "--cni=calico", "--driver=docker"));
            assertThat(run.callsTo("kubectl", "rollout status")).hasSize(2)
                    .allSatisfy(wait -> assertThat(wait.arguments()).contains("--timeout=90s"));
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
                assertThat(run.callsTo("kubectl", "apply")).hasSize(2);
                assertThat(run.callsTo("kubectl")).noneMatch(call ->
                        call.hasArgument("create") || call.hasArgument("run") || call.hasArgument("replace"));
            }
            assertThat(second.stdout()).contains("deployment.apps/visit-counter configured")
                    .doesNotContain("deployment.apps/visit-counter created");
        }
    }

    @Test
    void aFailedWaitShowsWhyAndStopsBeforeTheApp() {
        try (FakeCluster cluster = new FakeCluster()
                .with("FAKE_FAIL", "kubectl --context minikube rollout status deployment/postgres*")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("deployment/postgres did not become ready within 300s")
                    .contains("kubectl describe pods -l app.kubernetes.io/name=postgres")
                    .contains("FailedScheduling").contains("recent events").contains("last log lines")
                    .contains("(fake) last log line");
            assertThat(run.callsTo("kubectl", "describe pods -l app.kubernetes.io/name=postgres")).hasSize(1);
            assertThat(run.callsTo("kubectl", "logs -l app.kubernetes.io/name=postgres")).hasSize(1);
            assertThat(run.callsTo("kubectl", "component=web")).isEmpty();
            assertThat(run.stdout()).doesNotContain("[6/8]");
        }
    }

    @Test
    void aFailedBuildStopsWithMavensLastLinesBeforeAnythingIsApplied() {
        try (FakeCluster cluster = new FakeCluster().with("FAKE_FAIL", "mvnw -B -pl final k8s:build*")) {
            ScriptResult run = cluster.run("run.sh");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("fake failure of: mvnw -B -pl final k8s:build")
                    .contains("the build failed: './mvnw -pl final k8s:build k8s:resource -Dimage.tag=dev-");
            assertThat(run.callsTo("kubectl")).isEmpty();
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
                            "--context", "minikube", "port-forward", "service/visit-counter", "18080:8080"));
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
                    .contains("is port 8080 taken? try LOCAL_PORT=18080");
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
