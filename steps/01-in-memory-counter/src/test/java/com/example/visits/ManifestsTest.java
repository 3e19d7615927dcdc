package com.example.visits;

import com.example.visits.testsupport.steps.StepManifestsContract;

/** Step 01's k8s/: every checker rule, and the image as steps/Dockerfile builds it. */
class ManifestsTest extends StepManifestsContract {

    @Override
    protected Class<?> application() {
        return VisitCounterApplication.class;
    }

    @Override
    protected String image() {
        return "visit-counter:step-01";
    }
}
