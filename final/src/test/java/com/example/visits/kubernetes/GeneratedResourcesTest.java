package com.example.visits.kubernetes;

import static com.example.visits.kubernetes.GeneratedManifest.podLabels;
import static com.example.visits.kubernetes.GeneratedManifest.selects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** What JKube generated as a whole: which resources, their labels, which pods each selector reaches. */
class GeneratedResourcesTest {

    private static final Map<String, String> APP_LABELS = Map.of(
            "app.kubernetes.io/name", "visit-counter",
            "app.kubernetes.io/component", "web",
            "app.kubernetes.io/part-of", "visit-counter",
            "app", "visit-counter");

    private static final Map<String, String> POSTGRES_LABELS = Map.of(
            "app.kubernetes.io/name", "postgres",
            "app.kubernetes.io/component", "database",
            "app.kubernetes.io/part-of", "visit-counter",
            "app", "postgres");

    private static final Map<String, String> CONFIG_LABELS = Map.of(
            "app.kubernetes.io/name", "visit-counter",
            "app.kubernetes.io/component", "config",
            "app.kubernetes.io/part-of", "visit-counter");

    private final GeneratedManifest manifest = GeneratedManifest.load();

    @Test
    void holdsExactlyTheResourcesOfTheFinishedSystem() {
        assertThat(manifest.resources())
                .extracting(resource -> resource.getKind() + "/" + resource.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "Deployment/visit-counter",
                        "Service/visit-counter",
                        "ConfigMap/db-config",
                        "Secret/db-credentials",
                        "Deployment/postgres",
                        "Service/postgres",
                        "PersistentVolumeClaim/postgres-data",
                        "NetworkPolicy/postgres-allow-app");
    }

    @Test
    void everyResourceCarriesTheRecommendedLabels() {
        assertThat(manifest.deployment("visit-counter").getMetadata().getLabels()).containsAllEntriesOf(APP_LABELS);
        assertThat(podLabels(manifest.deployment("visit-counter"))).containsAllEntriesOf(APP_LABELS);
        assertThat(manifest.service("visit-counter").getMetadata().getLabels()).containsAllEntriesOf(APP_LABELS);

        assertThat(manifest.deployment("postgres").getMetadata().getLabels()).containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(podLabels(manifest.deployment("postgres"))).containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.service("postgres").getMetadata().getLabels()).containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.persistentVolumeClaim("postgres-data").getMetadata().getLabels())
                .containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.networkPolicy("postgres-allow-app").getMetadata().getLabels())
                .containsAllEntriesOf(POSTGRES_LABELS);

        assertThat(manifest.configMap("db-config").getMetadata().getLabels()).containsAllEntriesOf(CONFIG_LABELS);
        assertThat(manifest.secret("db-credentials").getMetadata().getLabels()).containsAllEntriesOf(CONFIG_LABELS);
    }

    @Test
    void eachServiceSelectsOnlyThePodsOfItsOwnWorkload() {
        assertThat(podsSelectedBy(manifest.service("visit-counter"))).containsExactly("visit-counter");
        assertThat(podsSelectedBy(manifest.service("postgres"))).containsExactly("postgres");
    }

    @Test
    void eachDeploymentSelectsOnlyItsOwnPods() {
        for (Deployment deployment : manifest.deployments()) {
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(manifest.deployments())
                    .as("pods matched by the selector of Deployment %s", deployment.getMetadata().getName())
                    .filteredOn(candidate -> selects(selector, podLabels(candidate)))
                    .extracting(candidate -> candidate.getMetadata().getName())
                    .containsExactly(deployment.getMetadata().getName());
        }
    }

    @Test
    void configMapSaysWhereTheDatabaseIs() {
        ConfigMap config = manifest.configMap("db-config");
        assertThat(config.getData()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DB_HOST", "postgres",
                "DB_PORT", "5432",
                "DB_NAME", "visits"));
        // DB_HOST and DB_PORT must name the Postgres Service and its port.
        Service postgres = manifest.service(config.getData().get("DB_HOST"));
        assertThat(postgres.getSpec().getPorts())
                .extracting(port -> String.valueOf(port.getPort()))
                .contains(config.getData().get("DB_PORT"));
    }

    @Test
    void secretHoldsTheCredentials() {
        Secret credentials = manifest.secret("db-credentials");
        assertThat(credentials.getType()).isEqualTo("Opaque");
        assertThat(credentials.getStringData()).containsOnlyKeys("DB_USER", "DB_PASSWORD");
        assertThat(credentials.getStringData().get("DB_USER")).isEqualTo("postgres");
        assertThat(credentials.getStringData().get("DB_PASSWORD")).isNotBlank();
    }

    @Test
    void noAnnotationsFromTheExcludedEnrichers() {
        // jkube-prometheus (prometheus.io/*), jkube-maven-scm and jkube-git (jkube.eclipse.org/scm-*, git-*).
        for (HasMetadata resource : manifest.resources()) {
            assertThat(resource.getMetadata().getAnnotations())
                    .as("annotations of %s %s", resource.getKind(), resource.getMetadata().getName())
                    .satisfiesAnyOf(
                            annotations -> assertThat(annotations).isNullOrEmpty(),
                            annotations -> assertThat(annotations.keySet())
                                    .noneMatch(key -> key.startsWith("prometheus.io/")
                                            || key.startsWith("jkube.eclipse.org/")));
        }
    }

    private java.util.List<String> podsSelectedBy(Service service) {
        return manifest.deployments().stream()
                .filter(deployment -> selects(service.getSpec().getSelector(), podLabels(deployment)))
                .map(deployment -> deployment.getMetadata().getName())
                .toList();
    }
}
