package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class NoForeignPortsOrEnvTest {

    private final ManifestRule rule = new NoForeignPortsOrEnv();

    @Test
    void rejectsTheAppsPortsAndEnvMergedIntoPostgresAsJKubeDid() {
        String where = "jkube-merged.yaml: Deployment \"postgres\", container \"postgres\": ";
        String portAdvice = " is not used by any Service or probe: remove it, or if another workload's ports were"
                + " merged in (JKube's controller enricher does that), keep that enricher off";
        String envAdvice = " is also set in Deployment \"visit-counter\", container \"visit-counter\": a container"
                + " should not carry another workload's env (JKube's controller enricher copies the app's env into"
                + " every Deployment); if both really need it, take it from the same ConfigMap/Secret key";
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                where + "port 8080 (\"http\")" + portAdvice,
                where + "port 9779 (\"prometheus\")" + portAdvice,
                where + "port 8778 (\"jolokia\")" + portAdvice,
                where + "env DB_HOST" + envAdvice,
                where + "env KUBERNETES_NAMESPACE" + envAdvice);
        // TZ is in both workloads too, but both take it from ConfigMap db-config key TZ: shared configuration.
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
