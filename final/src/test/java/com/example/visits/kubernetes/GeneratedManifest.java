package com.example.visits.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Workload;

/**
 * The resources that {@code k8s:resource} wrote in this build (bound to process-resources), i.e. exactly what
 * {@code k8s:apply} sends to the cluster: {@code target/classes/META-INF/jkube/kubernetes.yml}, read from the
 * test classpath.
 */
final class GeneratedManifest {

    static final String LOCATION = "META-INF/jkube/kubernetes.yml";

    private final Manifests manifests;

    private final List<HasMetadata> resources;

    private GeneratedManifest(Manifests manifests) {
        this.manifests = manifests;
        this.resources = manifests.all();
    }

    /**
     * Reads the file strictly (the shared checker): an unknown or misspelled field, or a wrong type, anywhere in a
     * fragment fails here, as the API server would reject it.
     */
    static GeneratedManifest load() {
        if (GeneratedManifest.class.getClassLoader().getResource(LOCATION) == null) {
            throw new IllegalStateException(LOCATION + " is missing from target/classes: "
                    + "k8s:resource (kubernetes-maven-plugin, phase process-resources) did not run");
        }
        return new GeneratedManifest(Manifests.fromClasspath(LOCATION));
    }

    /** The same objects, for the shared checker's rules. */
    Manifests manifests() {
        return manifests;
    }

    List<HasMetadata> resources() {
        return resources;
    }

    Deployment deployment(String name) {
        return find(Deployment.class, name);
    }

    Service service(String name) {
        return find(Service.class, name);
    }

    ConfigMap configMap(String name) {
        return find(ConfigMap.class, name);
    }

    Secret secret(String name) {
        return find(Secret.class, name);
    }

    PersistentVolumeClaim persistentVolumeClaim(String name) {
        return find(PersistentVolumeClaim.class, name);
    }

    NetworkPolicy networkPolicy(String name) {
        return find(NetworkPolicy.class, name);
    }

    StatefulSet statefulSet(String name) {
        return find(StatefulSet.class, name);
    }

    Namespace namespace(String name) {
        return find(Namespace.class, name);
    }

    /** Every object that runs pods (the app's Deployment, Postgres's StatefulSet). */
    List<Workload> workloads() {
        return manifests.workloads();
    }

    Workload workload(String name) {
        return workloads().stream().filter(workload -> workload.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no workload named '" + name + "' in " + LOCATION));
    }

    /** The one container of the named workload's pod (each workload here runs exactly one). */
    Container onlyContainer(String workloadName) {
        List<Container> containers = workload(workloadName).podSpec().getContainers();
        if (containers.size() != 1) {
            throw new IllegalStateException(workloadName + " has " + containers.size() + " containers, expected 1");
        }
        return containers.get(0);
    }

    /** The names of the workloads whose pods carry every label of the (non-empty) selector. */
    List<String> workloadsSelectedBy(Map<String, String> selector) {
        return workloads().stream().filter(workload -> selects(selector, workload.podLabels()))
                .map(Workload::name).toList();
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private <T extends HasMetadata> T find(Class<T> type, String name) {
        return resources.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(resource -> Objects.equals(resource.getMetadata().getName(), name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(
                        "no " + type.getSimpleName() + " named '" + name + "' in " + LOCATION));
    }
}
