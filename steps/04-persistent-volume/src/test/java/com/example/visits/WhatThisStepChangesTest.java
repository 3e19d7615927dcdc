package com.example.visits;

import java.util.List;

import com.example.visits.testsupport.steps.LabStep;
import com.example.visits.testsupport.steps.StepChangeContract;

/** From step 03 to 04: a PersistentVolumeClaim, mounted by PostgreSQL (Recreate, PGDATA below the mount). */
class WhatThisStepChangesTest extends StepChangeContract {

    @Override
    protected LabStep step() {
        return LabStep.STEP_04;
    }

    @Override
    protected List<String> addedFiles() {
        return List.of("persistentvolumeclaim.yaml");
    }

    @Override
    protected List<String> changedPlaces() {
        return List.of(
                "postgres.yaml: Deployment/postgres spec.strategy",
                "postgres.yaml: Deployment/postgres spec.template.spec.containers[postgres].env[PGDATA]",
                "postgres.yaml: Deployment/postgres spec.template.spec.containers[postgres].volumeMounts",
                "postgres.yaml: Deployment/postgres spec.template.spec.volumes");
    }
}
