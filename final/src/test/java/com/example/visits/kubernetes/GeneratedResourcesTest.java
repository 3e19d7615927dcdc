package com.example.visits.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Workload;

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

    /** Relative to final/, where Maven runs this module's tests. */
    private static final Path LAB_03_SECRET = Path.of("..", "steps", "03-configmap-secret", "k8s", "secret.yaml");

    private final GeneratedManifest manifest = GeneratedManifest.load();

    @Test
    void holdsExactlyTheResourcesOfTheFinishedSystem() {
        assertThat(manifest.resources())
                .extracting(resource -> resource.getKind() + "/" + resource.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "Namespace/visit-counter",
                        "Deployment/visit-counter",
                        "Service/visit-counter",
                        "ConfigMap/db-config",
                        "Secret/db-credentials",
                        "StatefulSet/postgres",
                        "Service/postgres",
                        "PersistentVolumeClaim/postgres-data",
                        "NetworkPolicy/postgres-allow-app");
    }

    /**
     * The finished system lives in its own namespace, apart from the labs (namespace default), so that the two
     * claims named postgres-data never meet: minikube keeps a claim's data at
     * /tmp/hostpath-provisioner/NAMESPACE/CLAIM. The manifest says so itself (k8s:apply and kubectl apply -f put
     * each object where its metadata says) and brings the Namespace along (k8s:apply applies it first).
     */
    @Test
    void everyObjectIsInTheNamespaceVisitCounterWhichTheManifestCreates() {
        Namespace namespace = manifest.namespace("visit-counter");
        assertThat(namespace.getMetadata().getNamespace()).as("a Namespace is not namespaced").isNull();
        assertThat(manifest.resources())
                .filteredOn(resource -> !(resource instanceof Namespace))
                .isNotEmpty()
                .allSatisfy(resource -> assertThat(resource.getMetadata().getNamespace())
                        .as("namespace of %s %s", resource.getKind(), resource.getMetadata().getName())
                        .isEqualTo("visit-counter"));
    }

    @Test
    void everyResourceCarriesTheRecommendedLabels() {
        assertThat(manifest.deployment("visit-counter").getMetadata().getLabels()).containsAllEntriesOf(APP_LABELS);
        assertThat(manifest.workload("visit-counter").podLabels()).containsAllEntriesOf(APP_LABELS);
        assertThat(manifest.service("visit-counter").getMetadata().getLabels()).containsAllEntriesOf(APP_LABELS);

        assertThat(manifest.statefulSet("postgres").getMetadata().getLabels()).containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.workload("postgres").podLabels()).containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.service("postgres").getMetadata().getLabels()).containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.persistentVolumeClaim("postgres-data").getMetadata().getLabels())
                .containsAllEntriesOf(POSTGRES_LABELS);
        assertThat(manifest.networkPolicy("postgres-allow-app").getMetadata().getLabels())
                .containsAllEntriesOf(POSTGRES_LABELS);

        assertThat(manifest.namespace("visit-counter").getMetadata().getLabels()).containsAllEntriesOf(CONFIG_LABELS);
        assertThat(manifest.configMap("db-config").getMetadata().getLabels()).containsAllEntriesOf(CONFIG_LABELS);
        assertThat(manifest.secret("db-credentials").getMetadata().getLabels()).containsAllEntriesOf(CONFIG_LABELS);
    }

    @Test
    void eachServiceSelectsOnlyThePodsOfItsOwnWorkload() {
        assertThat(podsSelectedBy(manifest.service("visit-counter"))).containsExactly("visit-counter");
        assertThat(podsSelectedBy(manifest.service("postgres"))).containsExactly("postgres");
    }

    @Test
    void eachWorkloadSelectsOnlyItsOwnPods() {
        assertThat(manifest.workloads()).extracting(Workload::title)
                .containsExactlyInAnyOrder("Deployment \"visit-counter\"", "StatefulSet \"postgres\"");
        for (Workload workload : manifest.workloads()) {
            assertThat(manifest.workloadsSelectedBy(workload.selector().getMatchLabels()))
                    .as("pods matched by the selector of %s", workload.title())
                    .containsExactly(workload.name());
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

    /** Lab 03 teaches a Secret with a password that is not the image's default: the finished system uses the same. */
    @Test
    void secretHoldsTheSameCredentialsAsLab03() {
        Secret credentials = manifest.secret("db-credentials");
        assertThat(credentials.getType()).isEqualTo("Opaque");
        assertThat(credentials.getStringData()).containsOnlyKeys("DB_USER", "DB_PASSWORD");

        Secret lab03 = Manifests.load(LAB_03_SECRET).get(Secret.class, "db-credentials");
        for (String key : new String[] { "DB_USER", "DB_PASSWORD" }) {
            String inLab03 = new String(Base64.getDecoder().decode(lab03.getData().get(key)), StandardCharsets.UTF_8);
            assertThat(credentials.getStringData().get(key)).as("%s, as in %s", key, LAB_03_SECRET).isEqualTo(inLab03);
        }
        assertThat(credentials.getStringData().get("DB_PASSWORD")).isNotEqualTo("postgres");
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
        return manifest.workloadsSelectedBy(service.getSpec().getSelector());
    }
}
