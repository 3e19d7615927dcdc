package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.ImageBuildSimulation;
import com.example.visits.testsupport.steps.StepFiles;

/**
 * Runs after {@code package}: replays the Dockerfile on the jar this build produced (COPY, the layer
 * extraction, the COPY of each layer) and starts its ENTRYPOINT, as {@code docker build} and the container would.
 */
class DockerfileIT {

    @Test
    void theImageBuiltFromThisStepStartsTheApp(@TempDir Path root) {
        var image = ImageBuildSimulation.build(Dockerfile.read(StepFiles.DOCKERFILE), StepFiles.MODULE, root);
        assertThat(image.workingDirectory().resolve("application.jar")).isRegularFile();
        assertThat(image.workingDirectory().resolve("lib")).isDirectory();

        try (var container = ImageBuildSimulation.start(image, Map.of(), root.resolve("app.log"))) {
            assertThat(container.awaitGet("/health/liveness", Duration.ofSeconds(90)).statusCode()).isEqualTo(200);
            assertThat(container.awaitGet("/", Duration.ofSeconds(5)).body()).isEqualTo("{\"visits\":1}");
        }
    }
}
