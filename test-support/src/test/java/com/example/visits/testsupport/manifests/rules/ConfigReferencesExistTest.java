package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class ConfigReferencesExistTest {

    private final ManifestRule rule = new ConfigReferencesExist();

    @Test
    void rejectsMissingConfigMapsSecretsAndKeys() {
        String where = "app.yaml: Deployment \"visit-counter\", container \"visit-counter\": ";
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                where + "env DB_HOST refers to ConfigMap \"db-confg\", which is not in the manifests"
                        + " (ConfigMaps: db-config) (did you mean \"db-config\"?)",
                where + "env DB_PASSWORD asks for key \"DB_PASWORD\" of Secret \"db-credentials\", which has no such"
                        + " key (keys: DB_PASSWORD, DB_USER) (did you mean \"DB_PASSWORD\"?)",
                where + "envFrom refers to Secret \"db-secret\", which is not in the manifests (Secrets: db-credentials)");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
