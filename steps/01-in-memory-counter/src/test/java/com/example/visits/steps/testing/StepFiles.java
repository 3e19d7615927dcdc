package com.example.visits.steps.testing;

import java.nio.file.Path;

/** Where a step's files are, seen from its tests (Maven runs them in the module's folder). */
public final class StepFiles {

    public static final Path MODULE = Path.of("").toAbsolutePath();
    public static final Path MANIFESTS = MODULE.resolve("k8s");
    /** One Dockerfile for every step: the image does not change between steps 01 and 02, steps 03 and 04 reuse 02's. */
    public static final Path DOCKERFILE = MODULE.resolve("../Dockerfile").normalize();

    private StepFiles() {
    }
}
