package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ImagesArePinnedTest {

    private final ManifestRule rule = new ImagesArePinned();

    @Test
    void rejectsMissingTagsAndLatestButAcceptsADigest() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "deployments.yaml: Deployment \"postgres\", container \"postgres\": image \"postgres\" has no tag, so"
                        + " Kubernetes pulls \"latest\", a moving target: pin a version, e.g. postgres:16-alpine",
                "deployments.yaml: Deployment \"visit-counter\", container \"visit-counter\": image"
                        + " \"visit-counter:latest\" uses the tag latest: it changes under you and makes the kubelet"
                        + " pull Always (a local image then fails with ErrImagePull); pin a version tag",
                "deployments.yaml: Deployment \"visit-counter\", container \"sidecar\": image"
                        + " \"registry.local:5000/team/proxy\" has no tag, so Kubernetes pulls \"latest\", a moving"
                        + " target: pin a version, e.g. registry.local:5000/team/proxy:1.0.0");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
