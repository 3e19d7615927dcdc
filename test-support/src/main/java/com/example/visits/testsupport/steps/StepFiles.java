package com.example.visits.testsupport.steps;

import java.nio.file.Path;

/** Where a step's files are, seen from its tests. */
public final class StepFiles {

    /** The step's folder: Maven's {@code basedir}, else the working directory (Maven and IDEs run tests there). */
    public static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    public static final Path MANIFESTS = MODULE.resolve("k8s");
    /** One Dockerfile for every step: the image does not change between steps 01 and 02, steps 03 and 04 reuse 02's. */
    public static final Path DOCKERFILE = MODULE.resolve("../Dockerfile").normalize();

    /** Another step's k8s/ folder, e.g. the previous step's, to compare with. */
    public static Path manifestsOf(LabStep step) {
        return MODULE.resolve("..").resolve(step.folder()).resolve("k8s").normalize();
    }

    private StepFiles() {
    }
}
