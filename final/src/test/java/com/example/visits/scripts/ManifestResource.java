package com.example.visits.scripts;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the cross-check needs of one object in a manifest: kind, name, labels and, for workloads, the labels of
 * the pods it creates. Reads JKube's {@code kind: List} as well as plain multi-document YAML.
 */
record ManifestResource(String kind, String name, Map<String, String> labels, Map<String, String> podLabels,
                        List<String> images) {

    static List<ManifestResource> load(Path manifest) throws IOException {
        List<ManifestResource> resources = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(manifest)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> object) {
                    add(object, resources);
                }
            }
        }
        return resources;
    }

    ManifestResource renamed(String newName) {
        return new ManifestResource(kind, newName, labels, podLabels, images);
    }

    ManifestResource withLabels(Map<String, String> newLabels) {
        return new ManifestResource(kind, name, newLabels, podLabels, images);
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }

    private static void add(Map<?, ?> object, List<ManifestResource> resources) {
        if ("List".equals(object.get("kind"))) {
            for (Object item : (List<?>) object.get("items")) {
                add((Map<?, ?>) item, resources);
            }
            return;
        }
        Map<?, ?> metadata = map(object.get("metadata"));
        Map<?, ?> template = map(map(object.get("spec")).get("template"));
        List<String> images = new ArrayList<>();
        Object containers = map(template.get("spec")).get("containers");
        if (containers instanceof List<?> list) {
            list.forEach(container -> images.add(String.valueOf(map(container).get("image"))));
        }
        resources.add(new ManifestResource(String.valueOf(object.get("kind")), String.valueOf(metadata.get("name")),
                strings(metadata.get("labels")), strings(map(template.get("metadata")).get("labels")), images));
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> result = new java.util.HashMap<>();
        map(value).forEach((key, text) -> result.put(String.valueOf(key), String.valueOf(text)));
        return Map.copyOf(result);
    }
}
