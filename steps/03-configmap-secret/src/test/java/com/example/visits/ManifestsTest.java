package com.example.visits;

import static com.example.visits.testsupport.steps.DockerfileChecks.assertDeploymentRunsTheImageAsBuilt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.steps.StepFiles;
import com.example.visits.testsupport.steps.StepManifests;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * This step's k8s/ passes every rule of the manifest checker (the probes asked of step 02's app, ready on a real
 * PostgreSQL), and runs step 02's image the way the shared Dockerfile builds it.
 */
class ManifestsTest {

    private static AppInstance app;

    @BeforeAll
    static void startTheAppTheManifestsRun() {
        app = AppInstance.start(VisitCounterApplication.class, "probe-target", PostgresServer.shared().dbEnvironment());
    }

    @AfterAll
    static void stopTheApp() {
        app.close();
    }

    @TestFactory
    Stream<DynamicTest> everyManifestPassesTheChecker() {
        return StepManifests.checkEveryRule(app);
    }

    @Test
    void theAppRunsStep02sImageOnItsPortAsItsNumericNonRootUser() {
        Deployment deployment = StepManifests.load().get(Deployment.class, "visit-counter");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("visit-counter:step-02");
        assertDeploymentRunsTheImageAsBuilt(Dockerfile.read(StepFiles.DOCKERFILE), deployment, "visit-counter");
    }
}
