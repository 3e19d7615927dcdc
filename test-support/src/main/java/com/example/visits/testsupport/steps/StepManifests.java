package com.example.visits.testsupport.steps;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.manifests.ManifestChecker;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.ProbeTarget;

/** A step's k8s/ folder against every rule of the manifest checker. */
public final class StepManifests {

    private StepManifests() {
    }

    public static Manifests load() {
        return Manifests.load(StepFiles.MANIFESTS);
    }

    /**
     * One test per rule (typed parse with unknown fields first, then every cross-check), the HTTP probe paths asked
     * of {@code app}: the image these manifests run, started here.
     */
    public static Stream<DynamicTest> checkEveryRule(RunningApp app) {
        return ManifestChecker.allRules(ProbeTarget.baseUrl(app.uri("/")))
                .check(load())
                .asDynamicTests();
    }
}
