package com.example.visits;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import com.example.visits.testsupport.manifests.Manifests;

/**
 * A container's environment as the kubelet builds it from the manifests: literal {@code value}s, and values looked
 * up through {@code configMapKeyRef} / {@code secretKeyRef} (a Secret's {@code data} decoded from base64, its
 * {@code stringData} taken as written). {@code references} says where each looked-up value came from.
 */
record ContainerEnvironment(Map<String, String> values, Map<String, KeyRef> references) {

    /** One key of one ConfigMap or Secret. */
    record KeyRef(String kind, String name, String key) {

        @Override
        public String toString() {
            return kind + " " + name + ", key " + key;
        }
    }

    static ContainerEnvironment of(Manifests manifests, String deploymentName, String containerName) {
        Container container = manifests.get(Deployment.class, deploymentName).getSpec().getTemplate().getSpec()
                .getContainers().stream().filter(c -> c.getName().equals(containerName)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + containerName + " in " + deploymentName));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, KeyRef> references = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            EnvVarSource from = variable.getValueFrom();
            if (from == null) {
                values.put(variable.getName(), variable.getValue());
            }
            else if (from.getConfigMapKeyRef() != null) {
                var key = from.getConfigMapKeyRef();
                var ref = new KeyRef("ConfigMap", key.getName(), key.getKey());
                references.put(variable.getName(), ref);
                values.put(variable.getName(), lookUp(manifests.get(ConfigMap.class, ref.name()), ref));
            }
            else if (from.getSecretKeyRef() != null) {
                var key = from.getSecretKeyRef();
                var ref = new KeyRef("Secret", key.getName(), key.getKey());
                references.put(variable.getName(), ref);
                values.put(variable.getName(), lookUp(manifests.get(Secret.class, ref.name()), ref));
            }
            else {
                throw new AssertionError(variable.getName() + ": only value, configMapKeyRef and secretKeyRef are"
                        + " resolved here");
            }
        }
        return new ContainerEnvironment(values, references);
    }

    private static String lookUp(ConfigMap configMap, KeyRef ref) {
        String value = configMap.getData() == null ? null : configMap.getData().get(ref.key());
        if (value == null) {
            throw new AssertionError("no key " + ref.key() + " in ConfigMap " + ref.name());
        }
        return value;
    }

    private static String lookUp(Secret secret, KeyRef ref) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(ref.key())) {
            return secret.getStringData().get(ref.key());
        }
        if (secret.getData() != null && secret.getData().containsKey(ref.key())) {
            return decodeBase64(secret.getData().get(ref.key()));
        }
        throw new AssertionError("no key " + ref.key() + " in Secret " + ref.name());
    }

    /** What the kubelet does with a Secret's data: decode it, no key needed. */
    static String decodeBase64(String encoded) {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
