package com.example.visits.testsupport.steps;

import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.manifests.Workload;

import static com.example.visits.testsupport.steps.DockerfileChecks.assertDeploymentRunsTheImageAsBuilt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every step's k8s/ must pass: the manifest checker's rules of the concepts taught so far
 * ({@link LabStep#checker}: step 01 the Deployment and Service rules, step 02 adds the database's, step 03 the
 * ConfigMap and Secret references, step 04 the volume's), with the probe paths asked of the app these manifests run
 * (started here); a Deployment that runs the step's image the way steps/Dockerfile builds it; and none of what the
 * finished system adds later (resources, security contexts, liveness and startup probes), so each concept arrives
 * in the step that teaches it. A step's {@code ManifestsTest} extends this and says which step, app and image.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StepManifestsContract {

    private AppInstance app;

    /** The step these manifests belong to. */
    protected abstract LabStep step();

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
    Stream<DynamicTest> everyManifestPassesTheRulesTaughtSoFar() {
        assertThat(StepFiles.MODULE.getFileName().toString()).as("the step's folder").isEqualTo(step().folder());
        return StepManifests.checkTheRulesTaughtSoFar(step(), app);
    }

    @Test
    void theDeploymentRunsTheStepsImageOnItsPortAsItsNumericNonRootUser() {
        Deployment deployment = StepManifests.load().get(Deployment.class, "visit-counter");

        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image());
        assertDeploymentRunsTheImageAsBuilt(Dockerfile.read(StepFiles.DOCKERFILE), deployment, "visit-counter");
    }

    /** Issue: a 1 s default timeout flaps on a busy laptop; the finished system's timings do not. */
    @Test
    void readinessProbesTakeTheFinishedSystemsTimings() {
        Map<String, FinishedSystemProbes.Timing> finished = FinishedSystemProbes.readiness();
        assertThat(finished).as("readiness probes in %s", FinishedSystemProbes.FRAGMENTS).isNotEmpty();
        for (Workload workload : StepManifests.load().workloads()) {
            for (Container container : workload.allContainers()) {
                assertThat(container.getReadinessProbe()).as("%s: readinessProbe", workload.title()).isNotNull();
                assertThat(FinishedSystemProbes.Timing.of(container.getReadinessProbe()))
                        .as("%s, container %s: readinessProbe timings", workload.title(), container.getName())
                        .isEqualTo(finished.get(container.getName()));
            }
        }
    }

    @Test
    void nothingOfTheFinishedSystemArrivesEarly() {
        for (Workload workload : StepManifests.load().workloads()) {
            assertThat(workload.podSpec().getSecurityContext()).as("%s: pod securityContext", workload.title())
                    .isNull();
            for (Container container : workload.allContainers()) {
                String where = workload.title() + ", container " + container.getName();
                assertThat(container.getResources()).as("%s: resources", where).isNull();
                assertThat(container.getSecurityContext()).as("%s: securityContext", where).isNull();
                assertThat(container.getLivenessProbe()).as("%s: livenessProbe", where).isNull();
                assertThat(container.getStartupProbe()).as("%s: startupProbe", where).isNull();
            }
        }
    }
}
