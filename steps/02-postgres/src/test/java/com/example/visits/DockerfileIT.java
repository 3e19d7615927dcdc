package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.ImageBuildSimulation;
import com.example.visits.testsupport.steps.StepFiles;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * Runs after {@code package}: replays the shared Dockerfile on the jar this step's build produced and starts its
 * ENTRYPOINT with the DB_* variables in its environment, as the container gets them from the Deployment.
 */
class DockerfileIT {

    @Test
    void theImageBuiltFromThisStepCountsInPostgres(@TempDir Path root) {
        var postgres = PostgresServer.shared();
        var image = ImageBuildSimulation.build(Dockerfile.read(StepFiles.DOCKERFILE), StepFiles.MODULE, root);

        try (var container = ImageBuildSimulation.start(image, postgres.dbEnvironment(), root.resolve("app.log"))) {
            assertThat(container.awaitGet("/health/readiness", Duration.ofSeconds(90)).statusCode()).isEqualTo(200);
            assertThat(container.awaitGet("/", Duration.ofSeconds(5)).body()).matches("\\{\"visits\":\\d+}");
        }
    }
}
