package com.example.visits.testsupport.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A set of Kubernetes objects read strictly from YAML, as the API server would read them: any unknown field
 * (e.g. a misspelled {@code contianerPort}), any wrong type ({@code replicas: two}, an unquoted number in a
 * ConfigMap), a document without apiVersion/kind/metadata.name or an unknown kind fails the load with an
 * {@link InvalidManifestException} that lists every problem with file, line and a suggestion where one exists.
 *
 * <pre>{@code
 * Manifests manifests = Manifests.load(Path.of("k8s"));          // every *.yaml / *.yml in the folder
 * Deployment app = manifests.get(Deployment.class, "visit-counter");
 * }</pre>
 */
public final class Manifests {

    private final List<HasMetadata> resources;
    private final Map<HasMetadata, String> sources;

    private Manifests(List<HasMetadata> resources, Map<HasMetadata, String> sources) {
        this.resources = List.copyOf(resources);
        this.sources = sources;
    }

    /**
     * Reads YAML files (multi-document, or a kubectl {@code kind: List} as JKube writes it). A folder stands for
     * the {@code *.yaml} and {@code *.yml} files directly in it, in name order.
     *
     * @throws InvalidManifestException listing every problem found in any of the files
     */
    public static Manifests load(Path... filesOrFolders) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path path : filesOrFolders) {
            List<Path> files = yamlFiles(path);
            if (files.isEmpty()) {
                throw new InvalidManifestException(List.of("no *.yaml or *.yml files in " + path));
            }
            for (Path file : files) {
                texts.put(file.getFileName().toString(), readFile(file));
            }
        }
        return read(texts);
    }

    /** Reads YAML text; {@code sourceName} names it in messages (e.g. {@code "deployment.yaml"}). */
    public static Manifests fromString(String sourceName, String yaml) {
        return read(Map.of(sourceName, yaml));
    }

    /** Reads classpath resources, e.g. {@code fromClasspath("manifests/good/postgres.yaml")}. */
    public static Manifests fromClasspath(String... resourceNames) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : resourceNames) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no classpath resource " + name);
                }
                texts.put(name.substring(name.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return read(texts);
    }

    private static Manifests read(Map<String, String> textsBySource) {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> resources = new ArrayList<>();
        Map<HasMetadata, String> sources = new IdentityHashMap<>();
        Map<String, String> seen = new HashMap<>();
        textsBySource.forEach((source, text) -> {
            ManifestReader reader = ManifestReader.read(source, text);
            problems.addAll(reader.problems());
            for (ManifestReader.Loaded loaded : reader.loaded()) {
                HasMetadata resource = loaded.resource();
                String id = resource.getKind() + " \"" + resource.getMetadata().getName() + "\"";
                String earlier = seen.putIfAbsent(id + " in namespace " + resource.getMetadata().getNamespace(), source);
                if (earlier != null) {
                    problems.add(source + ": " + id + " is defined twice (also in " + earlier
                            + "): the second would silently replace the first");
                }
                resources.add(resource);
                sources.put(resource, source);
            }
        });
        if (problems.isEmpty() && resources.isEmpty()) {
            problems.add("no Kubernetes objects found in " + String.join(", ", textsBySource.keySet()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new Manifests(resources, sources);
    }

    private static List<Path> yamlFiles(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every object, in file and document order. */
    public List<HasMetadata> all() {
        return resources;
    }

    /** Every object of one type, e.g. {@code ofType(Deployment.class)}. */
    public <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every Deployment, in file order. */
    public List<Deployment> deployments() {
        return ofType(Deployment.class);
    }

    /** Every StatefulSet, in file order. */
    public List<StatefulSet> statefulSets() {
        return ofType(StatefulSet.class);
    }

    /** Every Service, in file order. */
    public List<Service> services() {
        return ofType(Service.class);
    }

    /** Every ConfigMap, in file order. */
    public List<ConfigMap> configMaps() {
        return ofType(ConfigMap.class);
    }

    /** Every Secret, in file order. */
    public List<Secret> secrets() {
        return ofType(Secret.class);
    }

    /** Every PersistentVolumeClaim, in file order. */
    public List<PersistentVolumeClaim> persistentVolumeClaims() {
        return ofType(PersistentVolumeClaim.class);
    }

    /** Every NetworkPolicy, in file order. */
    public List<NetworkPolicy> networkPolicies() {
        return ofType(NetworkPolicy.class);
    }

    /** Every Deployment, StatefulSet and DaemonSet, as a {@link Workload}. */
    public List<Workload> workloads() {
        return resources.stream().map(Workload::of).flatMap(Optional::stream).toList();
    }

    /** The object with this kind (e.g. {@code "Service"}) and name, if there is one. */
    public Optional<HasMetadata> find(String kind, String name) {
        return resources.stream()
                .filter(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** The object of this type and name, if there is one. */
    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    /**
     * The object of this type and name.
     *
     * @throws AssertionError naming the objects of that type that do exist
     */
    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " \"" + name
                + "\" in the manifests; there are: " + ofType(type).stream().map(r -> r.getMetadata().getName()).toList()));
    }

    /** The file an object was read from, e.g. {@code deployment.yaml}. */
    public String sourceOf(HasMetadata resource) {
        return sources.getOrDefault(resource, "?");
    }

    /** How messages name an object: {@code deployment.yaml: Deployment "postgres"}. */
    public String describe(HasMetadata resource) {
        return sourceOf(resource) + ": " + resource.getKind() + " \"" + resource.getMetadata().getName() + "\"";
    }
}
