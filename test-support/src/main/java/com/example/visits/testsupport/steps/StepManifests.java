package com.example.visits.testsupport.steps;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.ProbeTarget;

/** A step's k8s/ folder against the manifest checker's rules of the concepts taught so far. */
public final class StepManifests {

    private StepManifests() {
    }

    public static Manifests load() {
        return Manifests.load(StepFiles.MANIFESTS);
    }

    /**
     * One test per rule taught up to {@code step} (the typed parse with unknown fields runs first, in {@link #load()}),
     * the HTTP probe paths asked of {@code app}: the image these manifests run, started here.
     */
    public static Stream<DynamicTest> checkTheRulesTaughtSoFar(LabStep step, RunningApp app) {
        return step.checker(ProbeTarget.baseUrl(app.uri("/")))
                .check(load())
                .asDynamicTests();
    }
}
