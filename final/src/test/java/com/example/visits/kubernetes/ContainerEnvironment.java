package com.example.visits.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * The environment the kubelet would give a container, as far as the manifest decides it: literal values, ConfigMap
 * keys and Secret keys resolved. Downward-API values (fieldRef, resourceFieldRef) describe the pod and are left out.
 */
final class ContainerEnvironment {

    private ContainerEnvironment() {
    }

    static Map<String, String> of(Container container, GeneratedManifest manifest) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (!isFromThePod(variable)) {
                environment.put(variable.getName(), valueOf(variable, manifest));
            }
        }
        return environment;
    }

    private static boolean isFromThePod(EnvVar variable) {
        return variable.getValueFrom() != null
                && (variable.getValueFrom().getFieldRef() != null || variable.getValueFrom().getResourceFieldRef() != null);
    }

    private static String valueOf(EnvVar variable, GeneratedManifest manifest) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        ConfigMapKeySelector configMapKey = variable.getValueFrom().getConfigMapKeyRef();
        if (configMapKey != null) {
            return required(manifest.configMap(configMapKey.getName()).getData(), configMapKey.getKey(),
                    "ConfigMap " + configMapKey.getName());
        }
        SecretKeySelector secretKey = variable.getValueFrom().getSecretKeyRef();
        if (secretKey != null) {
            return secretValue(manifest.secret(secretKey.getName()), secretKey.getKey());
        }
        throw new IllegalArgumentException("env " + variable.getName() + " comes from neither a ConfigMap nor a Secret");
    }

    private static String secretValue(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        String encoded = required(secret.getData(), key, "Secret " + secret.getMetadata().getName());
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private static String required(Map<String, String> data, String key, String owner) {
        if (data == null || !data.containsKey(key)) {
            throw new IllegalArgumentException(owner + " has no key " + key);
        }
        return data.get(key);
    }
}
