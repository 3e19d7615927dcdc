package com.example.visits.testsupport.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepFolderDiffTest {

    private static final String BEFORE = """
            # tag::deployment[]
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: postgres
            spec:
              replicas: 1 # <1>
              template:
                spec:
                  containers:
                    - name: postgres
                      image: postgres:16-alpine
                      env:
                        - name: POSTGRES_DB
                          value: visits
            # end::deployment[]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: postgres
            spec:
              type: ClusterIP
            """;

    @Test
    void namesWhereEachChangedLineSitsAndIgnoresTheWorkbooksMarkers(@TempDir Path root) throws IOException {
        String after = BEFORE.replace("replicas: 1 # <1>", "replicas: 1 # <2>")
                .replace("# tag::deployment[]\n", "")
                .replace("              value: visits\n", "              value: visits\n            - name: PGDATA\n"
                        + "              value: /var/lib/postgresql/data/pgdata\n")
                .replace("  type: ClusterIP", "  # a comment\n  type: NodePort");
        Path previous = folder(root.resolve("a"), "postgres.yaml", BEFORE, "old-name.yaml", "x: 1\n");
        Path next = folder(root.resolve("b"), "postgres.yaml", after, "new-name.yaml", "x: 1\n");

        StepFolderDiff diff = StepFolderDiff.between(previous, next);

        assertThat(diff.removed()).containsExactly("old-name.yaml");
        assertThat(diff.added()).containsExactly("new-name.yaml");
        assertThat(diff.touchedPaths()).containsExactly(
                "postgres.yaml: Deployment/postgres spec.template.spec.containers[postgres].env[PGDATA].name",
                "postgres.yaml: Deployment/postgres spec.template.spec.containers[postgres].env[PGDATA].value",
                "postgres.yaml: Service/postgres spec.type");
        assertThat(diff.changed().get(0).unified("a", "b", 0)).contains("+  type: NodePort", "-  type: ClusterIP")
                .noneMatch(line -> line.contains("tag::") || line.contains("<1>"));
    }

    private static Path folder(Path folder, String name, String text, String otherName, String otherText)
            throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name), text);
        Files.writeString(folder.resolve(otherName), otherText);
        return folder;
    }

    @Test
    void listItemsWithoutANameAreAnonymous() {
        assertThat(StepFolderDiff.yamlPaths(List.of("kind: PersistentVolumeClaim", "metadata:", "  name: data",
                "spec:", "  accessModes:", "    - ReadWriteOnce"))).last()
                .isEqualTo("PersistentVolumeClaim/data spec.accessModes[]");
    }
}
