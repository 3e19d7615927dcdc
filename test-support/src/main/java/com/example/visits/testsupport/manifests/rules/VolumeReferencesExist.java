package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Suggestions;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;

/** Every claimName names a PVC of the manifests, and every volumeMount a volume of its pod. */
public final class VolumeReferencesExist implements ManifestRule {

    @Override
    public String name() {
        return "volume-references-exist";
    }

    @Override
    public String description() {
        return "every persistentVolumeClaim.claimName names a PersistentVolumeClaim of the manifests,"
                + " and every volumeMount a volume of its pod";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<String> claims = manifests.persistentVolumeClaims().stream().map(c -> c.getMetadata().getName()).toList();
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Volume volume : workload.podSpec().getVolumes()) {
                if (volume.getPersistentVolumeClaim() != null
                        && !claims.contains(volume.getPersistentVolumeClaim().getClaimName())) {
                    String claim = volume.getPersistentVolumeClaim().getClaimName();
                    violations.add(new Violation(manifests.describe(workload.resource()), "volume \"" + volume.getName()
                            + "\" uses claimName \"" + claim + "\", but there is no PersistentVolumeClaim of that name"
                            + " (claims: " + (claims.isEmpty() ? "none" : String.join(", ", claims)) + ")"
                            + Suggestions.didYouMean(String.valueOf(claim), claims)
                            + "; the pod would stay Pending"));
                }
            }
            List<String> volumes = volumeNames(workload);
            for (Container container : workload.allContainers()) {
                for (VolumeMount mount : container.getVolumeMounts()) {
                    if (!volumes.contains(mount.getName())) {
                        violations.add(new Violation(Where.container(manifests, workload, container), "volumeMount \""
                                + mount.getName() + "\" at " + mount.getMountPath() + " names no volume of the pod"
                                + " (volumes: " + (volumes.isEmpty() ? "none" : String.join(", ", volumes)) + ")"
                                + Suggestions.didYouMean(mount.getName(), volumes)));
                    }
                }
            }
        }
        return violations;
    }

    /** The pod's volumes, plus a StatefulSet's volumeClaimTemplates (each becomes a volume of that name). */
    private static List<String> volumeNames(Workload workload) {
        List<String> names = new ArrayList<>(workload.podSpec().getVolumes().stream().map(Volume::getName).toList());
        if (workload.resource() instanceof StatefulSet statefulSet && statefulSet.getSpec() != null) {
            statefulSet.getSpec().getVolumeClaimTemplates().forEach(t -> names.add(t.getMetadata().getName()));
        }
        return names;
    }
}
