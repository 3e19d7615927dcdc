package com.example.visits;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.example.visits.steps.testing.RunningApp;
import com.example.visits.steps.testing.StepManifests;

/** Step 01's k8s/ passes every rule of the manifest checker; the probes are asked of step 01's app. */
class ManifestsTest {

    private static RunningApp app;

    @BeforeAll
    static void startTheAppTheManifestsRun() {
        app = RunningApp.start(VisitCounterApplication.class, "probe-target");
    }

    @AfterAll
    static void stopTheApp() {
        app.close();
    }

    @TestFactory
    Stream<DynamicTest> everyManifestPassesTheChecker() {
        return StepManifests.checkEveryRule(app);
    }
}
