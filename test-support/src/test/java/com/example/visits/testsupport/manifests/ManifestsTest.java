package com.example.visits.testsupport.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private static final String STRICT = "manifests/strict/";

    @Test
    void misspelledFieldFailsWithPathAndSuggestion() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "unknown-field.yaml"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("unknown-field.yaml:20: Deployment \"visit-counter\": unknown field \"contianerPort\""
                        + " at spec.template.spec.containers[0].ports[0] (did you mean \"containerPort\"?)");
    }

    @Test
    void textWhereANumberBelongsFails() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "wrong-type.yaml"))
                .hasMessageContaining("wrong-type.yaml:6: Deployment \"visit-counter\": wrong type at spec.replicas:"
                        + " expected a whole number but found the text \"two\"");
    }

    @Test
    void quotedNumberIsRejectedLikeTheApiServerDoes() {
        assertThatThrownBy(() -> Manifests.fromString("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: visit-counter}
                spec:
                  replicas: "2"
                """))
                .hasMessageContaining("deployment.yaml:5: Deployment \"visit-counter\": wrong type at spec.replicas:"
                        + " expected a whole number but found the text \"2\" (remove the quotes: 2)");
    }

    @Test
    void unquotedNumberInAConfigMapFails() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "unquoted-number.yaml"))
                .hasMessageContaining("unquoted-number.yaml:8: ConfigMap \"db-config\": wrong type at data.DB_PORT:"
                        + " expected a string but found the number 5432 (put it in quotes: \"5432\")");
    }

    @Test
    void aMappingWhereAListBelongsFails() {
        assertThatThrownBy(() -> Manifests.fromString("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: visit-counter}
                spec:
                  template:
                    spec:
                      containers:
                        name: visit-counter
                """))
                .hasMessageContaining("deployment.yaml:7: Deployment \"visit-counter\": wrong type at"
                        + " spec.template.spec.containers: expected a list (lines starting with \"- \") but found a mapping");
    }

    @Test
    void misspelledMetadataAndTopLevelFieldsFail() {
        assertThatThrownBy(() -> Manifests.fromString("config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: db-config
                  lables: {app.kubernetes.io/name: visit-counter}
                dat: {DB_HOST: postgres}
                """))
                .hasMessageContaining("config.yaml:5: ConfigMap \"db-config\": unknown field \"lables\" at metadata"
                        + " (did you mean \"labels\"?)")
                .hasMessageContaining("config.yaml:6: ConfigMap \"db-config\": unknown field \"dat\" at the top level"
                        + " (did you mean \"data\"?)");
    }

    @Test
    void secretDataMustBeBase64() {
        assertThatThrownBy(() -> Manifests.fromString("secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: db-credentials}
                data:
                  DB_PASSWORD: plain text!
                """))
                .hasMessageContaining("secret.yaml:5: Secret \"db-credentials\": data.DB_PASSWORD is not base64: put"
                        + " plain text under stringData instead");
    }

    @Test
    void documentWithoutKindFails() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "missing-kind.yaml"))
                .hasMessageContaining("missing-kind.yaml:9: document 2 \"postgres\": has no kind:"
                        + " every Kubernetes object needs apiVersion, kind and metadata.name");
    }

    @Test
    void documentWithoutApiVersionAndNameFails() {
        assertThatThrownBy(() -> Manifests.fromString("service.yaml", "kind: Service\nspec: {}\n"))
                .hasMessageContaining("service.yaml:1: Service: has no apiVersion, no metadata.name");
    }

    @Test
    void unknownKindOrWrongApiVersionFails() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "unknown-kind.yaml"))
                .hasMessageContaining("unknown-kind.yaml:2: Deploymnet \"visit-counter\": unknown kind \"Deploymnet\""
                        + " (apiVersion \"apps/v1\") (did you mean \"Deployment\"?)")
                .hasMessageContaining("unknown-kind.yaml:7: Deployment \"postgres\": kind Deployment does not exist"
                        + " in apiVersion \"v1\" (use apiVersion: apps/v1)");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "not-yaml.yaml"))
                .hasMessageContaining("not-yaml.yaml:5: this is not valid YAML")
                .hasMessageContaining("check the indentation");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "unknown-field.yaml", STRICT + "wrong-type.yaml"))
                .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems())
                        .hasSize(2)
                        .anyMatch(p -> p.startsWith("unknown-field.yaml:20:"))
                        .anyMatch(p -> p.startsWith("wrong-type.yaml:6:")));
    }

    @Test
    void readsKubectlListAsJKubeWritesIt() {
        assertThatThrownBy(() -> Manifests.fromClasspath(STRICT + "jkube-list.yml"))
                .hasMessageContaining("jkube-list.yml:22: Service \"postgres\": unknown field \"protocl\" at"
                        + " spec.ports[0] (did you mean \"protocol\"?)");

        Manifests list = Manifests.fromString("kubernetes.yml", """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: db-config}, data: {DB_PORT: "5432"}}
                  - {apiVersion: v1, kind: Service, metadata: {name: postgres}, spec: {ports: [{port: 5432}]}}
                """);
        assertThat(list.all()).hasSize(2);
        assertThat(list.get(ConfigMap.class, "db-config").getData()).containsEntry("DB_PORT", "5432");
        assertThat(list.describe(list.get(Service.class, "postgres"))).isEqualTo("kubernetes.yml: Service \"postgres\"");
    }

    @Test
    void fileModesMayBeOctalAsKubernetesReadsThem() {
        Manifests manifests = Manifests.fromString("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      volumes: [{name: config, configMap: {name: db-config, defaultMode: 0644}}]
                """);
        assertThat(manifests.deployments().get(0).getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getConfigMap().getDefaultMode()).isEqualTo(0644);
    }

    @Test
    void duplicateObjectsFail() {
        assertThatThrownBy(() -> Manifests.fromString("config.yaml", """
                {apiVersion: v1, kind: ConfigMap, metadata: {name: db-config}}
                ---
                {apiVersion: v1, kind: ConfigMap, metadata: {name: db-config}}
                """)).hasMessageContaining("ConfigMap \"db-config\" is defined twice");
    }

    @Test
    void aFolderWithoutManifestsFailsInsteadOfPassingEmpty(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThatThrownBy(() -> Manifests.load(empty)).hasMessageContaining("no *.yaml or *.yml files in " + empty);
        assertThatThrownBy(() -> Manifests.fromString("empty.yaml", "# nothing\n---\n")).hasMessageContaining("no Kubernetes objects found in empty.yaml");
    }
}
