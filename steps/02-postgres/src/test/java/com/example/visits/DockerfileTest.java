package com.example.visits;

import static com.example.visits.testsupport.steps.DockerfileChecks.assertDeploymentRunsTheImageAsBuilt;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.StepFiles;
import com.example.visits.testsupport.manifests.Manifests;

/** Step 02 builds its image from the same Dockerfile as step 01: the Deployment must fit that image too. */
class DockerfileTest {

    private final Deployment deployment = Manifests.load(StepFiles.MANIFESTS).get(Deployment.class, "visit-counter");

    @Test
    void theDeploymentRunsTheImageOnItsPortAsItsNumericNonRootUser() {
        assertDeploymentRunsTheImageAsBuilt(Dockerfile.read(StepFiles.DOCKERFILE), deployment, "visit-counter");
    }

    @Test
    void theDeploymentRunsThisStepsImage() {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("visit-counter:step-02");
    }
}
