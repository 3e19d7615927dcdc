package com.example.visits;

import java.util.Map;

import com.example.visits.testsupport.postgres.PostgresServer;
import com.example.visits.testsupport.steps.StepManifestsContract;

/** Step 03's k8s/: every checker rule, running step 02's image and app (a step of manifests only). */
class ManifestsTest extends StepManifestsContract {

    @Override
    protected Class<?> application() {
        return VisitCounterApplication.class;
    }

    @Override
    protected String image() {
        return "visit-counter:step-02";
    }

    @Override
    protected Map<String, String> appSettings() {
        return PostgresServer.shared().dbEnvironment();
    }
}
