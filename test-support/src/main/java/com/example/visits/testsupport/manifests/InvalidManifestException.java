package com.example.visits.testsupport.manifests;

import java.util.List;

/**
 * The manifests could not be read the way the API server would read them: YAML syntax, an unknown field,
 * a wrong type, a missing kind/apiVersion/name, an unknown kind. Lists every problem of every file at once.
 * An {@link AssertionError}, so a test reports it as a failed check, not as a crash.
 */
public final class InvalidManifestException extends AssertionError {

    private final List<String> problems;

    InvalidManifestException(List<String> problems) {
        super("The Kubernetes manifests are not valid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, e.g. {@code deployment.yaml:21: Deployment "visit-counter": unknown field ...}. */
    public List<String> problems() {
        return problems;
    }
}
