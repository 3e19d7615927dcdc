package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.ScriptResult;
import com.example.visits.testsupport.scripts.ScriptSandbox;
import com.example.visits.testsupport.scripts.Stub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sandbox holding copies of run.sh, stop.sh, verify.sh and scripts/lib.sh, with the fake tools of
 * src/test/resources/scripts/fake-cluster on PATH (minikube, kubectl, docker, curl, java, javac) and a fake
 * {@code ./mvnw}: together they answer as a minikube cluster would, keeping their state between calls.
 */
final class FakeCluster implements AutoCloseable {

    /** The repository root: Surefire runs the tests of final/ from final/. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path FIXTURES = Path.of("src/test/resources/scripts").toAbsolutePath();

    /**
     * The manifest JKube generated for this build (k8s:resource runs in process-resources, before the tests): the fake
     * build hands it out with the run's image tag, and the cross-check reads it, so the scripts are checked against
     * what {@code kubectl apply} really gets.
     */
    static final Path MANIFEST = Path.of("target/classes/META-INF/jkube/kubernetes.yml").toAbsolutePath();

    static final List<String> SCRIPTS = List.of("run.sh", "stop.sh", "verify.sh", "scripts/lib.sh");
    static final List<String> FAKE_TOOLS = List.of("minikube", "kubectl", "docker", "curl", "java", "javac");
    static final String NODE_URL = "http://192.168.49.2:30080";

    private final ScriptSandbox sandbox;

    FakeCluster() {
        if (!Files.isRegularFile(MANIFEST)) {
            throw new IllegalStateException(MANIFEST + " is missing: JKube writes it in process-resources; run the tests"
                    + " through Maven (./mvnw -pl final -am verify), not from a bare IDE compile");
        }
        Path fakes = FIXTURES.resolve("fake-cluster");
        sandbox = ScriptSandbox.create()
                .copyIntoRepo(REPO, SCRIPTS.toArray(String[]::new))
                .env("FAKE_CLUSTER", fakes.toString())
                .env("FAKE_MANIFEST", MANIFEST.toString())
                .recordEnv("DOCKER_HOST");
        FAKE_TOOLS.forEach(tool -> sandbox.stub(tool, Stub.fromFile(fakes.resolve(tool))));
        sandbox.stubInRepo("mvnw", Stub.fromFile(fakes.resolve("mvnw")));
    }

    /** minikube is already running, with the Docker container runtime (a cluster made before minikube 1.39). */
    FakeCluster running() {
        return touch("minikube-running");
    }

    /** minikube is already running, with this container runtime ("containerd" is minikube 1.39's default). */
    FakeCluster runningWith(String containerRuntime) {
        return stoppedWith(containerRuntime).running();
    }

    /** A stopped minikube cluster made with this container runtime: starting it again keeps the runtime. */
    FakeCluster stoppedWith(String containerRuntime) {
        return write("runtime", containerRuntime + "\n");
    }

    /** 'minikube pause' ran: the host runs, the kubelet is stopped and the apiserver Paused. */
    FakeCluster paused() {
        return touch("paused");
    }

    /** kubectl has no working context for the profile ('minikube status' says kubeconfig: Misconfigured). */
    FakeCluster withoutKubectlContext() {
        return touch("kubeconfig-misconfigured");
    }

    /** minikube's container runtime holds these images. */
    FakeCluster holdingImages(String... images) {
        return write("images", String.join("\n", images) + "\n");
    }

    /** JAVA_HOME names a JDK of this version (its bin/java and bin/javac are stubs in the sandbox's jdk/). */
    FakeCluster withJavaHome(String version) {
        Path fakes = FIXTURES.resolve("fake-cluster");
        for (String tool : List.of("java", "javac")) {
            try {
                sandbox.stubAt("jdk/bin/" + tool, Stub.bash("FAKE_JAVA_VERSION=" + version + "\n"
                        + Files.readString(fakes.resolve(tool))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sandbox.env("JAVA_HOME", sandbox.root().resolve("jdk").toString());
        return this;
    }

    /** minikube runs and everything run.sh applies is there, with a Bound volume. */
    FakeCluster deployed() {
        return running().touch("namespace").touch("deployed-config").touch("deployed-db").touch("deployed-app")
                .touch("pvc");
    }

    /**
     * The claim's volume was provisioned before minikube's last restart: minikube's provisioner no longer deletes it
     * when the claim goes (kubernetes/minikube#16140), and its data stays on the node.
     */
    FakeCluster provisionedBeforeARestart() {
        return touch("provisioned-before-restart");
    }

    /** The PersistentVolumeClaim postgres-data exists and holds this count. */
    FakeCluster withVolumeHolding(int visits) {
        return touch("namespace").touch("pvc").write("visits", visits + "\n");
    }

    /** A FAKE_* scenario variable (see fake-cluster/common.sh), or any other environment variable. */
    FakeCluster with(String name, String value) {
        sandbox.env(name, value);
        return this;
    }

    /** The tool is not installed. */
    FakeCluster without(String tool) {
        sandbox.removeStub(tool);
        return this;
    }

    ScriptResult run(String script, String... arguments) {
        return sandbox.run(script, arguments);
    }

    ScriptSandbox sandbox() {
        return sandbox;
    }

    boolean has(String stateFile) {
        return Files.exists(sandbox.state().resolve(stateFile));
    }

    /** The PID file run.sh writes for its port-forward (TMPDIR is the sandbox's tmp/). */
    Path portForwardPidFile() {
        return sandbox.root().resolve("tmp/visit-counter-minikube-port-forward.pid");
    }

    Path generatedManifest() {
        return sandbox.repo().resolve("final/target/classes/META-INF/jkube/kubernetes.yml");
    }

    /** The content of a state file of the fake tools (see fake-cluster/common.sh), or "" when there is none. */
    String state(String stateFile) {
        try {
            Path file = sandbox.state().resolve(stateFile);
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FakeCluster touch(String stateFile) {
        return write(stateFile, "");
    }

    private FakeCluster write(String stateFile, String content) {
        try {
            Files.writeString(sandbox.state().resolve(stateFile), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
