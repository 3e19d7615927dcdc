package com.example.visits.testsupport.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.example.visits.testsupport.manifests.ManifestChecker;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.ProbeTarget;
import com.example.visits.testsupport.manifests.rules.ConfigReferencesExist;
import com.example.visits.testsupport.manifests.rules.ContainersHaveReadinessProbes;
import com.example.visits.testsupport.manifests.rules.DatabaseEnvPointsAtPostgres;
import com.example.visits.testsupport.manifests.rules.HttpProbesAreServed;
import com.example.visits.testsupport.manifests.rules.ImagesArePinned;
import com.example.visits.testsupport.manifests.rules.NoForeignPortsOrEnv;
import com.example.visits.testsupport.manifests.rules.PostgresStorageIsSafe;
import com.example.visits.testsupport.manifests.rules.RecommendedLabels;
import com.example.visits.testsupport.manifests.rules.ServiceSelectsOneWorkload;
import com.example.visits.testsupport.manifests.rules.ServiceTargetPortsExist;
import com.example.visits.testsupport.manifests.rules.VolumeReferencesExist;
import com.example.visits.testsupport.manifests.rules.WorkloadSelectorMatchesTemplate;

/**
 * The four labs, each with the manifest rules of the concept it teaches. A lab's k8s/ folder must pass the rules
 * of its own step and of every step before it, and nothing more: resources, the restricted security context and
 * the three recommended labels are the finished system's ({@link ManifestChecker#allRules}), not a lab's.
 */
public enum LabStep {

    /** A Deployment of two replicas and a NodePort Service; the pods are ready when the app answers. */
    STEP_01("01-in-memory-counter", probes -> List.of(
            new WorkloadSelectorMatchesTemplate(),
            new ServiceSelectsOneWorkload(),
            new ServiceTargetPortsExist(),
            new ImagesArePinned(),
            new ContainersHaveReadinessProbes(),
            new HttpProbesAreServed(probes),
            new RecommendedLabels(List.of("app.kubernetes.io/name")))),

    /** PostgreSQL behind a ClusterIP Service; DB_HOST names that Service; each workload keeps its own env. */
    STEP_02("02-postgres", probes -> List.of(
            new DatabaseEnvPointsAtPostgres(),
            new NoForeignPortsOrEnv())),

    /** Settings in a ConfigMap, credentials in a Secret: every key a pod reads exists. */
    STEP_03("03-configmap-secret", probes -> List.of(
            new ConfigReferencesExist())),

    /** A PersistentVolumeClaim: the volume exists, Recreate, PGDATA below the mount. */
    STEP_04("04-persistent-volume", probes -> List.of(
            new VolumeReferencesExist(),
            new PostgresStorageIsSafe()));

    private final String folder;
    private final Function<ProbeTarget, List<ManifestRule>> taughtHere;

    LabStep(String folder, Function<ProbeTarget, List<ManifestRule>> taughtHere) {
        this.folder = folder;
        this.taughtHere = taughtHere;
    }

    /** The step's folder under steps/, e.g. {@code 02-postgres}. */
    public String folder() {
        return folder;
    }

    /** The step before this one, or null for step 01. */
    public LabStep previous() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }

    /** The rules of the concept this step teaches (HTTP probes asked of {@code probes}). */
    public List<ManifestRule> rulesTaughtHere(ProbeTarget probes) {
        return taughtHere.apply(probes);
    }

    /** The rules of this step and of every step before it. */
    public ManifestChecker checker(ProbeTarget probes) {
        List<ManifestRule> rules = new ArrayList<>();
        for (LabStep step : values()) {
            rules.addAll(step.rulesTaughtHere(probes));
            if (step == this) {
                break;
            }
        }
        return ManifestChecker.of(rules.toArray(ManifestRule[]::new));
    }
}
