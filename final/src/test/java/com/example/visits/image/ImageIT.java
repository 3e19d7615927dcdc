package com.example.visits.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.postgres.PostgresServer;
import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.Dockerfile.Instruction;
import com.example.visits.testsupport.steps.ImageBuildSimulation;

/**
 * Runs after {@code package}: replays the image's Dockerfile (src/main/docker/Dockerfile, which {@code k8s:build}
 * builds) on the jar this build produced, as {@code docker build} would with JKube's build context (final/ under
 * {@code maven/}): the layer extraction, one COPY per layer, and the class data sharing training run. Then starts its
 * ENTRYPOINT with the Deployment's JVM options and requires the archive (a start that could not use it fails) and
 * Spring AOT's generated code.
 */
class ImageIT {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile");

    @Test
    void theImageStartsTheAppWithItsClassDataSharingArchiveAndSpringAot(@TempDir Path root) throws Exception {
        Path context = root.resolve("context");
        Path jar = Files.list(Path.of("target")).filter(path -> path.getFileName().toString()
                .matches("visit-counter-.*\\.jar")).findFirst().orElseThrow(() -> new AssertionError(
                        "no target/visit-counter-*.jar: run `./mvnw -pl final -am package` first"));
        Files.createDirectories(context.resolve("maven/target"));
        Files.copy(jar, context.resolve("maven/target").resolve(jar.getFileName()));

        Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
        var image = ImageBuildSimulation.build(dockerfile, context, root.resolve("stages"));
        runJavaStepsOfTheFinalStage(dockerfile, image.workingDirectory());
        assertThat(image.workingDirectory().resolve("application.jar")).isRegularFile();
        assertThat(image.workingDirectory().resolve("application.jsa")).isNotEmptyFile();

        PostgresServer postgres = PostgresServer.shared();
        postgres.recreateDatabase();
        Map<String, String> environment = new HashMap<>(postgres.dbEnvironment());
        // -Xshare:on turns "archive not usable" (another JVM, another class path) from a silent slow start into an
        // error; the rest is what the pod's JVM gets from the Deployment and its 512Mi limit.
        environment.put("JDK_JAVA_OPTIONS", "-Xshare:on -XX:MaxRAM=512m " + deploymentJavaOptions());
        try (var container = ImageBuildSimulation.start(image, environment, root.resolve("app.log"))) {
            assertThat(container.awaitGet("/health/readiness", Duration.ofSeconds(120)).statusCode()).isEqualTo(200);
            assertThat(container.awaitGet("/", Duration.ofSeconds(10)).body()).isEqualTo("{\"visits\":1}");
            // Spring Boot says so when the beans come from the code process-aot generated, not from the annotations.
            assertThat(Files.readString(container.log())).contains("Starting AOT-processed VisitCounterApplication");
        }
    }

    /**
     * The final stage's {@code RUN java ...} lines, in its working directory: ImageBuildSimulation leaves every RUN
     * of the final stage out, because creating the image's user needs the base image.
     */
    private static void runJavaStepsOfTheFinalStage(Dockerfile dockerfile, Path workingDirectory) throws Exception {
        for (Instruction run : dockerfile.finalStage("RUN")) {
            String command = run.arguments().strip();
            if (!command.startsWith("java ")) {
                continue;
            }
            Path log = Files.createTempFile("image-run-", ".log");
            var builder = new ProcessBuilder("bash", "-c", command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // As in `docker build`, no database is reachable: port 1 refuses at once (the default localhost:5432
            // could be a real server on this machine, which a training run must not touch).
            builder.environment().put("DB_HOST", "127.0.0.1");
            builder.environment().put("DB_PORT", "1");
            Process process = builder.start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished && process.exitValue() == 0).as("%s:%n%s", run, Files.readString(log)).isTrue();
            Files.delete(log);
        }
    }

    /** JDK_JAVA_OPTIONS of the app's container in the generated Deployment: the heap the pod runs with. */
    private static String deploymentJavaOptions() {
        Deployment deployment = Manifests.fromClasspath("META-INF/jkube/kubernetes.yml")
                .get(Deployment.class, "visit-counter");
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(variable -> variable.getName().equals("JDK_JAVA_OPTIONS")).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no JDK_JAVA_OPTIONS in the app's Deployment"));
    }
}
