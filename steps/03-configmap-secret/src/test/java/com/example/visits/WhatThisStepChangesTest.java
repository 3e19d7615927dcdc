package com.example.visits;

import java.util.List;

import com.example.visits.testsupport.steps.LabStep;
import com.example.visits.testsupport.steps.StepChangeContract;

/** From step 02 to 03: a ConfigMap and a Secret; the app's and PostgreSQL's env read their keys. */
class WhatThisStepChangesTest extends StepChangeContract {

    @Override
    protected LabStep step() {
        return LabStep.STEP_03;
    }

    @Override
    protected List<String> addedFiles() {
        return List.of("configmap.yaml", "secret.yaml");
    }

    @Override
    protected List<String> changedPlaces() {
        return List.of(
                "app.yaml: Deployment/visit-counter spec.template.spec.containers[visit-counter].env",
                "postgres.yaml: Deployment/postgres spec.template.spec.containers[postgres].env");
    }
}
