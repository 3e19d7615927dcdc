package com.example.visits;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.steps.StepManifests;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * Step 02's k8s/ passes every rule of the manifest checker; the probes are asked of step 02's app, ready on a real
 * PostgreSQL.
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
}
