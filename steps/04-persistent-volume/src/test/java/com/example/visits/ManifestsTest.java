package com.example.visits;

import java.util.Map;

import com.example.visits.testsupport.postgres.PostgresServer;
import com.example.visits.testsupport.steps.LabStep;
import com.example.visits.testsupport.steps.StepManifestsContract;

/** Step 04's k8s/: the checker rules taught so far, running step 02's image and app (manifests only). */
class ManifestsTest extends StepManifestsContract {

    @Override
    protected LabStep step() {
        return LabStep.STEP_04;
    }

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
