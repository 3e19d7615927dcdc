package com.example.visits;

import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.StepFiles;

import static com.example.visits.testsupport.steps.DockerfileChecks.assertBaseImagesArePinned;

/**
 * steps/Dockerfile pins its base images. (That each step's Deployment runs the image as it is built: ManifestsTest;
 * that it copies the jar the build produces: DockerfileIT.)
 */
class DockerfileTest {

    @Test
    void pinsItsBaseImages() {
        assertBaseImagesArePinned(Dockerfile.read(StepFiles.DOCKERFILE));
    }
}
