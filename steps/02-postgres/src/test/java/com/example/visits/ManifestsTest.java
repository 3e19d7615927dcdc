package com.example.visits;

import java.util.Map;

import com.example.visits.testsupport.postgres.PostgresServer;
import com.example.visits.testsupport.steps.LabStep;
import com.example.visits.testsupport.steps.StepManifestsContract;

/** Step 02's k8s/: the checker rules taught so far (probes asked of step 02's app on a real PostgreSQL), its image. */
class ManifestsTest extends StepManifestsContract {

    @Override
    protected LabStep step() {
        return LabStep.STEP_02;
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
