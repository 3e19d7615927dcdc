package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class VolumeReferencesExistTest {

    private final ManifestRule rule = new VolumeReferencesExist();

    @Test
    void rejectsAMisspelledClaimNameAndAMountWithoutVolume() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "postgres.yaml: Deployment \"postgres\": volume \"data\" uses claimName \"postgres-dta\", but there is"
                        + " no PersistentVolumeClaim of that name (claims: postgres-data) (did you mean"
                        + " \"postgres-data\"?); the pod would stay Pending",
                "postgres.yaml: Deployment \"postgres\", container \"postgres\": volumeMount \"run\" at"
                        + " /var/run/postgresql names no volume of the pod (volumes: data)");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
