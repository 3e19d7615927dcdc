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
     * The manifest the fake build "generates" and the cross-check reads. Until JKube's output lands on main this is
     * a copy written from CONTRACT.md; then switch to the generated file:
     * {@code Path.of("target/classes/META-INF/jkube/kubernetes.yml").toAbsolutePath()}.
     */
    static final Path MANIFEST = FIXTURES.resolve("kubernetes.yml");

    static final List<String> SCRIPTS = List.of("run.sh", "stop.sh", "verify.sh", "scripts/lib.sh");
    static final List<String> FAKE_TOOLS = List.of("minikube", "kubectl", "docker", "curl", "java", "javac");
    static final String NODE_URL = "http://192.168.49.2:30080";

    private final ScriptSandbox sandbox;

    FakeCluster() {
        Path fakes = FIXTURES.resolve("fake-cluster");
        sandbox = ScriptSandbox.create()
                .copyIntoRepo(REPO, SCRIPTS.toArray(String[]::new))
                .env("FAKE_CLUSTER", fakes.toString())
                .env("FAKE_MANIFEST", MANIFEST.toString())
                .recordEnv("DOCKER_HOST");
        FAKE_TOOLS.forEach(tool -> sandbox.stub(tool, Stub.fromFile(fakes.resolve(tool))));
        sandbox.stubInRepo("mvnw", Stub.fromFile(fakes.resolve("mvnw")));
    }

    /** minikube is already running. */
    FakeCluster running() {
        return touch("minikube-running");
    }

    /** minikube runs and everything run.sh applies is there, with a Bound volume. */
    FakeCluster deployed() {
        return running().touch("deployed-config").touch("deployed-db").touch("deployed-app").touch("pvc");
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

    private FakeCluster touch(String stateFile) {
        try {
            Files.writeString(sandbox.state().resolve(stateFile), "");
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
