package com.example.visits.testsupport.manifests;

/**
 * One broken rule at one place.
 *
 * @param where   the object (and container), e.g. {@code deployment.yaml: Deployment "postgres", container "postgres"}
 * @param message what is wrong and, where it helps, how to fix it
 */
public record Violation(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
