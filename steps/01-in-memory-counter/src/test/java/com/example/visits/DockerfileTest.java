package com.example.visits;

import static com.example.visits.testsupport.steps.DockerfileChecks.assertBaseImagesArePinned;
import static com.example.visits.testsupport.steps.DockerfileChecks.assertDeploymentRunsTheImageAsBuilt;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.StepFiles;
import com.example.visits.testsupport.manifests.Manifests;

/** The Dockerfile agrees with itself and with step 01's Deployment (the jar it copies: see DockerfileIT). */
class DockerfileTest {

    private final Dockerfile dockerfile = Dockerfile.read(StepFiles.DOCKERFILE);
    private final Deployment deployment = Manifests.load(StepFiles.MANIFESTS).get(Deployment.class, "visit-counter");

    @Test
    void pinsItsBaseImages() {
        assertBaseImagesArePinned(dockerfile);
    }

    @Test
    void theDeploymentRunsTheImageOnItsPortAsItsNumericNonRootUser() {
        assertDeploymentRunsTheImageAsBuilt(dockerfile, deployment, "visit-counter");
    }

    @Test
    void theDeploymentRunsThisStepsImage() {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("visit-counter:step-01");
    }
}
