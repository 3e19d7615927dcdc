package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ContainersRunRestrictedTest {

    private final ManifestRule rule = new ContainersRunRestricted();

    @Test
    void rejectsMissingSettingsAndRootButAcceptsPodLevelValues() {
        String where = "deployment.yaml: Deployment \"postgres\", container ";
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                where + "\"no-security-context\": securityContext needs runAsNonRoot: true; a numeric runAsUser the"
                        + " image supports (e.g. 70, the postgres user of postgres:16-alpine);"
                        + " allowPrivilegeEscalation: false; capabilities.drop: [ALL]; seccompProfile.type: RuntimeDefault",
                where + "\"root\": securityContext needs a runAsUser other than 0 (0 is root); capabilities.drop: [ALL];"
                        + " seccompProfile.type: RuntimeDefault (not Unconfined)");
        // Deployment "pod-level" is not listed: its pod-level runAsNonRoot, runAsUser and seccompProfile count.
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
