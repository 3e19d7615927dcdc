package com.example.visits;

import java.util.List;

import com.example.visits.testsupport.steps.LabStep;
import com.example.visits.testsupport.steps.StepChangeContract;

/** From step 01 to 02: PostgreSQL in a file of its own; the app gets step 02's image and the DB_* settings. */
class WhatThisStepChangesTest extends StepChangeContract {

    @Override
    protected LabStep step() {
        return LabStep.STEP_02;
    }

    @Override
    protected List<String> addedFiles() {
        return List.of("postgres.yaml");
    }

    @Override
    protected List<String> changedPlaces() {
        return List.of(
                "app.yaml: Deployment/visit-counter spec.template.spec.containers[visit-counter].image",
                "app.yaml: Deployment/visit-counter spec.template.spec.containers[visit-counter].env");
    }
}
