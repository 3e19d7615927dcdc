package com.example.visits;

import java.util.Map;

import com.example.visits.testsupport.postgres.PostgresServer;
import com.example.visits.testsupport.steps.StepManifestsContract;

/** Step 02's k8s/: every checker rule (probes asked of step 02's app on a real PostgreSQL), and its image. */
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
