package com.example.visits.testsupport.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/** Reads one YAML file into typed fabric8 objects, collecting every problem instead of stopping at the first. */
final class ManifestReader {

    /** A resource and the file it came from. */
    record Loaded(HasMetadata resource, String source) {
    }

    private static final StrictSerialization SERIALIZATION = new StrictSerialization();

    /** Kinds a learner is likely to write, to suggest the right spelling. */
    private static final List<String> COMMON_KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Pod", "Job", "CronJob", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "PersistentVolume",
            "NetworkPolicy", "Ingress", "ServiceAccount", "Namespace", "Role", "RoleBinding",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "StorageClass");
    private static final List<String> COMMON_API_VERSIONS = List.of("v1", "apps/v1", "batch/v1",
            "networking.k8s.io/v1", "policy/v1", "rbac.authorization.k8s.io/v1", "autoscaling/v2", "storage.k8s.io/v1");

    private final String source;
    private final List<Loaded> loaded = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private YamlDocuments yaml;

    private ManifestReader(String source) {
        this.source = source;
    }

    /** Reads {@code text}; {@code source} names the file in messages. */
    static ManifestReader read(String source, String text) {
        ManifestReader reader = new ManifestReader(source);
        reader.readAll(text);
        return reader;
    }

    List<Loaded> loaded() {
        return loaded;
    }

    List<String> problems() {
        return problems;
    }

    private void readAll(String text) {
        try {
            yaml = YamlDocuments.parse(text);
        } catch (JacksonException notYaml) {
            problems.add(source + yamlErrorLine(notYaml) + ": this is not valid YAML: "
                    + String.join(": ", notYaml.getOriginalMessage().lines()
                            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList())
                    + " (check the indentation: spaces only, children indented below their parent)");
            return;
        }
        List<JsonNode> documents = yaml.documents();
        for (int index = 0; index < documents.size(); index++) {
            JsonNode document = documents.get(index);
            if (document == null) {
                continue;
            }
            if (!document.isObject()) {
                problem(index, FieldPath.root(), "document " + (index + 1),
                        "is not a Kubernetes object (expected apiVersion, kind and metadata fields)");
            } else if ("List".equals(document.path("kind").asString("")) && document.path("items").isArray()) {
                // kubectl's List, as JKube writes it: one file, many objects under items.
                for (int item = 0; item < document.path("items").size(); item++) {
                    readObject(index, FieldPath.root().field("items").index(item), document.path("items").get(item));
                }
            } else {
                readObject(index, FieldPath.root(), document);
            }
        }
    }

    private void readObject(int index, FieldPath at, JsonNode node) {
        String kind = node.path("kind").asString("");
        String apiVersion = node.path("apiVersion").asString("");
        String name = node.path("metadata").path("name").asString("");
        String label = (kind.isEmpty() ? "document " + (index + 1) : kind) + (name.isEmpty() ? "" : " \"" + name + "\"");
        List<String> missing = new ArrayList<>();
        if (apiVersion.isEmpty()) {
            missing.add("apiVersion");
        }
        if (kind.isEmpty()) {
            missing.add("kind");
        }
        if (name.isEmpty()) {
            missing.add("metadata.name");
        }
        if (!missing.isEmpty()) {
            problem(index, at, label, "has no " + String.join(", no ", missing)
                    + ": every Kubernetes object needs apiVersion, kind and metadata.name");
            return;
        }
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.convertValue(node, KubernetesResource.class);
        } catch (IllegalArgumentException | JacksonException unreadable) {
            Throwable cause = unreadable instanceof JacksonException ? unreadable : unreadable.getCause();
            if (cause instanceof DatabindException wrongType) {
                FieldPath where = TypeErrors.pathOf(wrongType);
                problem(index, at.append(where), label,
                        TypeErrors.describe(wrongType, node.at(where.toPointer())));
            } else {
                problem(index, at, label, "cannot be read: "
                        + String.valueOf(unreadable.getMessage()).lines().findFirst().orElse(""));
            }
            return;
        }
        if (resource instanceof GenericKubernetesResource) {
            problem(index, at.field("kind"), label, unknownKind(kind, apiVersion));
            return;
        }
        if (!(resource instanceof HasMetadata)) {
            problem(index, at.field("kind"), label, "is not an object Kubernetes stores (write each object as its"
                    + " own document, or items of a kind: List)");
            return;
        }
        List<StrictFields.UnknownField> unknownFields = StrictFields.find(resource);
        for (StrictFields.UnknownField unknown : unknownFields) {
            problem(index, at.append(unknown.where()).field(unknown.key()), label,
                    "unknown field \"" + unknown.key() + "\" at "
                            + (unknown.where().isRoot() ? "the top level" : unknown.where().toString())
                            + Suggestions.didYouMean(unknown.key(), unknown.validKeys()));
        }
        boolean secretReadable = !(resource instanceof Secret secret) || secretDataIsBase64(index, at, label, secret);
        if (unknownFields.isEmpty() && secretReadable) {
            loaded.add(new Loaded((HasMetadata) resource, source));
        }
    }

    /** The API server refuses a Secret whose {@code data} is not base64 (plain text belongs in stringData). */
    private boolean secretDataIsBase64(int index, FieldPath at, String label, Secret secret) {
        boolean valid = true;
        for (var entry : secret.getData().entrySet()) {
            try {
                Base64.getDecoder().decode(entry.getValue() == null ? "" : entry.getValue().strip());
            } catch (IllegalArgumentException notBase64) {
                valid = false;
                problem(index, at.field("data").field(entry.getKey()), label, "data." + entry.getKey()
                        + " is not base64: put plain text under stringData instead, or encode it"
                        + " (echo -n 'value' | base64)");
            }
        }
        return valid;
    }

    /** The YAML parser names the offending place last ("in reader, line 5, column 2"). */
    private static String yamlErrorLine(JacksonException notYaml) {
        Matcher line = Pattern.compile("line (\\d+)").matcher(notYaml.getOriginalMessage());
        String last = null;
        while (line.find()) {
            last = line.group(1);
        }
        if (last == null && notYaml.getLocation() != null && notYaml.getLocation().getLineNr() > 0) {
            last = String.valueOf(notYaml.getLocation().getLineNr());
        }
        return last == null ? "" : ":" + last;
    }

    private String unknownKind(String kind, String apiVersion) {
        Optional<String> rightApiVersion = COMMON_API_VERSIONS.stream()
                .filter(candidate -> SERIALIZATION.getRegisteredKubernetesResource(candidate, kind) != null)
                .findFirst();
        if (rightApiVersion.isPresent()) {
            return "kind " + kind + " does not exist in apiVersion \"" + apiVersion + "\" (use apiVersion: "
                    + rightApiVersion.get() + ")";
        }
        return "unknown kind \"" + kind + "\" (apiVersion \"" + apiVersion + "\")"
                + Suggestions.didYouMean(kind, COMMON_KINDS);
    }

    private void problem(int document, FieldPath path, String label, String text) {
        OptionalInt line = yaml.lineOf(document, path);
        problems.add(source + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + label + ": " + text);
    }
}
