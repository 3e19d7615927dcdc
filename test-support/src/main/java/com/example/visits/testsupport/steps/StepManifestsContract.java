package com.example.visits.testsupport.steps;

import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.example.visits.testsupport.app.AppInstance;

import static com.example.visits.testsupport.steps.DockerfileChecks.assertDeploymentRunsTheImageAsBuilt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every step's k8s/ must pass: every rule of the manifest checker, with the probe paths asked of the app these
 * manifests run (started here), and a Deployment that runs the step's image the way steps/Dockerfile builds it.
 * A step's {@code ManifestsTest} extends this and says which app and image it deploys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StepManifestsContract {

    private AppInstance app;

    /** The main class of the app this step's Deployment runs. */
    protected abstract Class<?> application();

    /** The image this step's Deployment runs, e.g. {@code visit-counter:step-02}. */
    protected abstract String image();

    /** What the app needs to become ready (the database's DB_* variables from step 02 on). */
    protected Map<String, String> appSettings() {
        return Map.of();
    }

    @BeforeAll
    void startTheAppTheManifestsRun() {
        app = AppInstance.start(application(), "probe-target", appSettings());
    }

    @AfterAll
    void stopTheApp() {
        app.close();
    }

    @TestFactory
    Stream<DynamicTest> everyManifestPassesTheChecker() {
        return StepManifests.checkEveryRule(app);
    }

    @Test
    void theDeploymentRunsTheStepsImageOnItsPortAsItsNumericNonRootUser() {
        Deployment deployment = StepManifests.load().get(Deployment.class, "visit-counter");

        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image());
        assertDeploymentRunsTheImageAsBuilt(Dockerfile.read(StepFiles.DOCKERFILE), deployment, "visit-counter");
    }
}
