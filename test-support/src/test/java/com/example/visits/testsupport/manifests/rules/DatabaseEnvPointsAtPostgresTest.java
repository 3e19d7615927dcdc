package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class DatabaseEnvPointsAtPostgresTest {

    private final ManifestRule rule = new DatabaseEnvPointsAtPostgres();

    @Test
    void rejectsAMisspelledHostAServiceOfTheAppAndAWrongPort() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "apps.yaml: Deployment \"host-typo\", container \"app\": DB_HOST is \"postgress\", but there is no"
                        + " Service \"postgress\" (Services: postgres, visit-counter) (did you mean \"postgres\"?)",
                "apps.yaml: Deployment \"host-is-the-app\", container \"app\": DB_HOST is \"visit-counter\" (from"
                        + " ConfigMap \"wrong-db-config\" key DB_HOST), but Service \"visit-counter\" selects"
                        + " Deployment \"host-is-the-app\", not the Postgres pods (Deployment \"postgres\")",
                "apps.yaml: Deployment \"port-mismatch\", container \"app\": DB_PORT is \"5433\" (from ConfigMap"
                        + " \"db-config\" key DB_PORT), but Service \"postgres\" listens on 5432");
    }

    @Test
    void acceptsTheGoodSetWhereTheValuesComeFromTheConfigMap() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
