package com.example.visits.scripts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What the cross-check needs of one object in a manifest: kind, name, labels and, for workloads, the labels of
 * the pods it creates and the selector's matchLabels. Read with the manifest checker's strict parser, which also
 * reads JKube's {@code kind: List}.
 */
record ManifestResource(String kind, String name, String namespace, Map<String, String> labels,
                        Map<String, String> podLabels, Map<String, String> matchLabels, List<String> images) {

    static List<ManifestResource> load(Path manifest) {
        return Manifests.load(manifest).all().stream().map(ManifestResource::of).toList();
    }

    private static ManifestResource of(HasMetadata resource) {
        Map<String, String> labels = orEmpty(resource.getMetadata().getLabels());
        String namespace = resource.getMetadata().getNamespace();
        return Workload.of(resource)
            .map(workload -> new ManifestResource(resource.getKind(), workload.name(), namespace, labels, workload.podLabels(),
                    workload.selector() == null ? Map.of() : orEmpty(workload.selector().getMatchLabels()),
                    workload.podSpec().getContainers().stream().map(Container::getImage).toList()))
            .orElseGet(() -> new ManifestResource(resource.getKind(), resource.getMetadata().getName(), namespace,
                    labels, Map.of(), Map.of(), List.of()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    ManifestResource renamed(String newName) {
        return new ManifestResource(kind, newName, namespace, labels, podLabels, matchLabels, images);
    }

    ManifestResource withLabels(Map<String, String> newLabels) {
        return new ManifestResource(kind, name, namespace, newLabels, podLabels, matchLabels, images);
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
