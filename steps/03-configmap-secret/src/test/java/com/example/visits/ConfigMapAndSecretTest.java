package com.example.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import com.example.visits.ContainerEnvironment.KeyRef;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.steps.StepFiles;
import com.example.visits.testsupport.steps.StepManifests;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.postgres.PostgresImageSetup;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * Step 03's lesson: configuration and credentials leave the Deployments for a ConfigMap and a Secret, which the app
 * and PostgreSQL both read (one source of truth), and a Secret is base64, not encryption.
 */
class ConfigMapAndSecretTest {

    private static final String[] DB_VARIABLES = { "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD" };

    private final Manifests manifests = StepManifests.load();
    private final ContainerEnvironment app = ContainerEnvironment.of(manifests, "visit-counter", "visit-counter");
    private final ContainerEnvironment postgres = ContainerEnvironment.of(manifests, "postgres", "postgres");

    @Test
    void theAppTakesEveryDatabaseSettingFromTheConfigMapOrTheSecret() {
        assertThat(app.references()).containsOnlyKeys(DB_VARIABLES);
        assertThat(app.references()).containsEntry("DB_HOST", new KeyRef("ConfigMap", "db-config", "DB_HOST"))
                .containsEntry("DB_PORT", new KeyRef("ConfigMap", "db-config", "DB_PORT"))
                .containsEntry("DB_NAME", new KeyRef("ConfigMap", "db-config", "DB_NAME"))
                .containsEntry("DB_USER", new KeyRef("Secret", "db-credentials", "DB_USER"))
                .containsEntry("DB_PASSWORD", new KeyRef("Secret", "db-credentials", "DB_PASSWORD"));
    }

    @Test
    void postgresReadsTheSameSecretKeysAsTheApp() {
        assertThat(postgres.references().get("POSTGRES_USER")).isEqualTo(app.references().get("DB_USER"));
        assertThat(postgres.references().get("POSTGRES_PASSWORD")).isEqualTo(app.references().get("DB_PASSWORD"));
        assertThat(postgres.references().get("POSTGRES_DB")).isEqualTo(app.references().get("DB_NAME"));
        assertThat(postgres.values()).as("nothing left written inline").isEqualTo(Map.of(
                "POSTGRES_USER", app.values().get("DB_USER"),
                "POSTGRES_PASSWORD", app.values().get("DB_PASSWORD"),
                "POSTGRES_DB", app.values().get("DB_NAME")));
    }

    @Test
    void theConfigMapSaysWhereTheDatabaseIs() {
        assertThat(manifests.get(ConfigMap.class, "db-config").getData())
                .isEqualTo(Map.of("DB_HOST", "postgres", "DB_PORT", "5432", "DB_NAME", "visits"));
    }

    @Test
    void theSecretIsBase64NotEncryption() throws Exception {
        Secret secret = manifests.get(Secret.class, "db-credentials");
        assertThat(secret.getStringData()).as("this step shows the base64 form").isNullOrEmpty();
        assertThat(secret.getData()).containsOnlyKeys("DB_USER", "DB_PASSWORD");
        // Decoding needs no key: the values are plain text to anyone who can read the Secret.
        assertThat(ContainerEnvironment.decodeBase64(secret.getData().get("DB_USER"))).isEqualTo("postgres");
        String password = ContainerEnvironment.decodeBase64(secret.getData().get("DB_PASSWORD"));
        assertThat(password).matches("[\\x21-\\x7e]{8,}").isNotEqualTo("postgres");
        // The file's comment shows the one command that reveals it, with the real value.
        assertThat(Files.readString(StepFiles.MANIFESTS.resolve("secret.yaml")))
                .contains("echo " + secret.getData().get("DB_PASSWORD") + " | base64 --decode");
    }

    @Test
    void theAppConfiguredOnlyFromTheConfigMapAndSecretCountsOnPostgresSetUpFromTheSameSecret() throws Exception {
        try (PostgresServer server = PostgresServer.launch()) {
            PostgresImageSetup.initialise(server, postgres.values());
            try (var pod = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-a",
                    appSettingsPointingAt(server))) {
                assertThat(pod.visit()).isEqualTo(1);
                assertThat(pod.visit()).isEqualTo(2);
                assertThat(pod.visit()).isEqualTo(3);
            }
        }
    }

    @Test
    void anyOtherPasswordThanTheSecretsIsRefused() throws Exception {
        try (PostgresServer server = PostgresServer.launch()) {
            PostgresImageSetup.initialise(server, postgres.values());
            Map<String, String> settings = appSettingsPointingAt(server);
            settings.put("DB_PASSWORD", "postgres"); // step 02's inline password
            try (var pod = AppInstance.start(VisitCounterApplication.class, "visit-counter-pod-a", settings)) {
                assertThat(pod.get("/").statusCode()).isEqualTo(503);
                assertThat(pod.get("/health/readiness").statusCode()).isEqualTo(503);
            }
        }
    }

    /**
     * The app's env exactly as the step's ConfigMap and Secret make it, except where the database is: in the cluster
     * DB_HOST=postgres is the Service's DNS name and DB_PORT its port; here the server runs on this machine.
     */
    private Map<String, String> appSettingsPointingAt(PostgresServer server) {
        Map<String, String> settings = new LinkedHashMap<>(app.values());
        assertThat(settings).containsOnlyKeys(DB_VARIABLES).containsEntry("DB_HOST", "postgres")
                .containsEntry("DB_PORT", "5432");
        settings.put("DB_HOST", server.host());
        settings.put("DB_PORT", Integer.toString(server.port()));
        return settings;
    }
}
