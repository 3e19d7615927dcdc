package com.example.visits;

import com.example.visits.testsupport.steps.LabStep;
import com.example.visits.testsupport.steps.StepManifestsContract;

/** Step 01's k8s/: the checker rules taught up to this step, and the image as steps/Dockerfile builds it. */
class ManifestsTest extends StepManifestsContract {

    @Override
    protected LabStep step() {
        return LabStep.STEP_01;
    }

    @Override
    protected Class<?> application() {
        return VisitCounterApplication.class;
    }

    @Override
    protected String image() {
        return "visit-counter:step-01";
    }
}
