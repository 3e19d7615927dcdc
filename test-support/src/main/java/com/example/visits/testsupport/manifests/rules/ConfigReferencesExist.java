package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Suggestions;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every ConfigMap/Secret a pod refers to is in the manifests, with the key asked for. Otherwise the pod hangs in
 * {@code CreateContainerConfigError}, which a learner sees only on a cluster.
 */
public final class ConfigReferencesExist implements ManifestRule {

    @Override
    public String name() {
        return "config-references-exist";
    }

    @Override
    public String description() {
        return "every configMapKeyRef/secretKeyRef/envFrom (and configMap/secret volume) names a ConfigMap/Secret"
                + " of the manifests, and every key it asks for exists";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.allContainers()) {
                String where = Where.container(manifests, workload, container);
                for (EnvVar var : container.getEnv()) {
                    if (var.getValueFrom() == null) {
                        continue;
                    }
                    var configMapKey = var.getValueFrom().getConfigMapKeyRef();
                    if (configMapKey != null) {
                        checkKey(manifests, violations, where, "env " + var.getName(), "ConfigMap",
                                configMapKey.getName(), configMapKey.getKey());
                    }
                    var secretKey = var.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        checkKey(manifests, violations, where, "env " + var.getName(), "Secret",
                                secretKey.getName(), secretKey.getKey());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        checkKey(manifests, violations, where, "envFrom", "ConfigMap", from.getConfigMapRef().getName(), null);
                    }
                    if (from.getSecretRef() != null) {
                        checkKey(manifests, violations, where, "envFrom", "Secret", from.getSecretRef().getName(), null);
                    }
                }
            }
            for (Volume volume : workload.podSpec().getVolumes()) {
                String where = manifests.describe(workload.resource());
                if (volume.getConfigMap() != null) {
                    checkVolume(manifests, violations, where, volume, "ConfigMap", volume.getConfigMap().getName(),
                            volume.getConfigMap().getItems());
                }
                if (volume.getSecret() != null) {
                    checkVolume(manifests, violations, where, volume, "Secret", volume.getSecret().getSecretName(),
                            volume.getSecret().getItems());
                }
            }
        }
        return violations;
    }

    private static void checkVolume(Manifests manifests, List<Violation> violations, String where, Volume volume,
            String kind, String name, List<KeyToPath> items) {
        String what = "volume \"" + volume.getName() + "\"";
        if (items.isEmpty()) {
            checkKey(manifests, violations, where, what, kind, name, null);
        }
        for (KeyToPath item : items) {
            checkKey(manifests, violations, where, what, kind, name, item.getKey());
        }
    }

    /** Checks that {@code kind/name} exists and, when {@code key} is not null, that it holds that key. */
    private static void checkKey(Manifests manifests, List<Violation> violations, String where, String what,
            String kind, String name, String key) {
        List<? extends HasMetadata> candidates = kind.equals("ConfigMap") ? manifests.configMaps() : manifests.secrets();
        List<String> names = candidates.stream().map(r -> r.getMetadata().getName()).toList();
        if (!names.contains(name)) {
            violations.add(new Violation(where, what + " refers to " + kind + " \"" + name + "\", which is not in the"
                    + " manifests (" + kind + "s: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"
                    + Suggestions.didYouMean(String.valueOf(name), names)));
            return;
        }
        Set<String> keys = keysOf(manifests, kind, name);
        if (key != null && !keys.contains(key)) {
            violations.add(new Violation(where, what + " asks for key \"" + key + "\" of " + kind + " \"" + name
                    + "\", which has no such key (keys: " + String.join(", ", keys) + ")"
                    + Suggestions.didYouMean(key, keys)));
        }
    }

    private static Set<String> keysOf(Manifests manifests, String kind, String name) {
        Set<String> keys = new LinkedHashSet<>();
        if (kind.equals("ConfigMap")) {
            ConfigMap configMap = manifests.get(ConfigMap.class, name);
            keys.addAll(configMap.getData().keySet());
            keys.addAll(configMap.getBinaryData().keySet());
        } else {
            Secret secret = manifests.get(Secret.class, name);
            keys.addAll(secret.getData().keySet());
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }
}
