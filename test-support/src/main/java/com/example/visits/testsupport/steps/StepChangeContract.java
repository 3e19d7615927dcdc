package com.example.visits.testsupport.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@code diff -r} between the previous step's k8s/ folder and this step's shows exactly this step's concept: the
 * same files (none renamed or removed) plus the new ones, and changed lines only where the concept lives, e.g.
 * {@code postgres.yaml: Deployment/postgres spec.strategy}. Every place named must change (the concept is there),
 * and nothing else may (comments may explain a change anywhere). A step's {@code WhatThisStepChangesTest} extends
 * this and names the places.
 */
public abstract class StepChangeContract {

    /** This step (its previous step is the one compared with). */
    protected abstract LabStep step();

    /** The files this step adds. */
    protected abstract List<String> addedFiles();

    /**
     * Where the changed lines of the common files may be, as prefixes of {@link StepFolderDiff#touchedPaths()}:
     * {@code file: Kind/name key.path}.
     */
    protected abstract List<String> changedPlaces();

    private StepFolderDiff diff() {
        return StepFolderDiff.between(StepFiles.manifestsOf(step().previous()), StepFiles.MANIFESTS);
    }

    @Test
    void keepsThePreviousStepsFilesAndAddsOnlyItsOwn() {
        StepFolderDiff diff = diff();
        assertThat(diff.removed()).as("files of step %s missing here (renamed?)", step().previous().folder())
                .isEmpty();
        assertThat(diff.added()).as("files new in this step").containsExactlyInAnyOrderElementsOf(addedFiles());
    }

    @Test
    void changesTheCommonFilesOnlyWhereThisStepsConceptLives() {
        Set<String> touched = diff().touchedPaths();
        assertThat(touched).as("changed lines, by where they sit").allSatisfy(path -> assertThat(changedPlaces())
                .as("a change outside this step's concept: %s", path).anySatisfy(place -> assertThat(path)
                        .startsWith(place)));
        assertThat(changedPlaces()).as("places this step must change").allSatisfy(place -> assertThat(touched)
                .as("nothing changed at %s", place).anySatisfy(path -> assertThat(path).startsWith(place)));
    }
}
