package com.example.visits.testsupport.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource that runs pods (Deployment, StatefulSet, DaemonSet) seen through what the rules need: its pod
 * template, labels and containers.
 *
 * @param resource the Deployment, StatefulSet or DaemonSet
 * @param template its pod template (never null; empty if the manifest has none)
 * @param selector its own {@code spec.selector}, may be null
 */
public record Workload(HasMetadata resource, PodTemplateSpec template, LabelSelector selector) {

    /** The workload view of a resource, or empty for kinds that do not run pods. */
    public static Optional<Workload> of(HasMetadata resource) {
        if (resource instanceof Deployment d && d.getSpec() != null) {
            return Optional.of(new Workload(d, orEmpty(d.getSpec().getTemplate()), d.getSpec().getSelector()));
        }
        if (resource instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.of(new Workload(s, orEmpty(s.getSpec().getTemplate()), s.getSpec().getSelector()));
        }
        if (resource instanceof DaemonSet d && d.getSpec() != null) {
            return Optional.of(new Workload(d, orEmpty(d.getSpec().getTemplate()), d.getSpec().getSelector()));
        }
        return Optional.empty();
    }

    private static PodTemplateSpec orEmpty(PodTemplateSpec template) {
        return template == null ? new PodTemplateSpec() : template;
    }

    /** {@code Deployment}, {@code StatefulSet} or {@code DaemonSet}. */
    public String kind() {
        return resource.getKind();
    }

    /** The workload's metadata.name. */
    public String name() {
        return resource.getMetadata().getName();
    }

    /** E.g. {@code Deployment "postgres"}. */
    public String title() {
        return kind() + " \"" + name() + "\"";
    }

    /** The labels its pods get (the pod template's labels). */
    public Map<String, String> podLabels() {
        return template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
    }

    /** The pod spec of its template (never null). */
    public PodSpec podSpec() {
        return template.getSpec() == null ? new PodSpec() : template.getSpec();
    }

    /** Init containers first, then the regular containers. */
    public List<Container> allContainers() {
        List<Container> all = new ArrayList<>(podSpec().getInitContainers());
        all.addAll(podSpec().getContainers());
        return all;
    }

    /** True when a Service with this (non-empty) selector sends traffic to these pods. */
    public boolean isSelectedBy(Map<String, String> serviceSelector) {
        return serviceSelector != null && !serviceSelector.isEmpty()
                && podLabels().entrySet().containsAll(serviceSelector.entrySet());
    }
}
