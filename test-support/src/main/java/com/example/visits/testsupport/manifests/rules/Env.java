package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The environment a container will see, with the value where the manifests tell it, and where it comes from. */
final class Env {

    /** A ConfigMap or Secret key an env var is taken from. */
    record Source(String kind, String name, String key) {
        @Override
        public String toString() {
            return kind + " \"" + name + "\" key " + key;
        }
    }

    /**
     * One env var.
     *
     * @param value  its value, or null when the manifests do not tell it (fieldRef, a missing ConfigMap, ...)
     * @param source the ConfigMap/Secret key it comes from, or null for an inline value or a fieldRef
     */
    record Entry(String name, String value, Source source) {
    }

    private Env() {
    }

    /** Env vars by name; {@code env} entries override {@code envFrom}, as in Kubernetes. */
    static Map<String, Entry> of(Container container, Manifests manifests) {
        Map<String, Entry> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                configMapData(manifests, name).forEach((key, value) ->
                        env.put(prefix + key, new Entry(prefix + key, value, new Source("ConfigMap", name, key))));
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                secretData(manifests, name).forEach((key, value) ->
                        env.put(prefix + key, new Entry(prefix + key, value, new Source("Secret", name, key))));
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), entry(var, manifests));
        }
        return env;
    }

    private static Entry entry(EnvVar var, Manifests manifests) {
        if (var.getValueFrom() == null) {
            return new Entry(var.getName(), var.getValue() == null ? "" : var.getValue(), null);
        }
        var configMapKey = var.getValueFrom().getConfigMapKeyRef();
        if (configMapKey != null) {
            return new Entry(var.getName(), configMapData(manifests, configMapKey.getName()).get(configMapKey.getKey()),
                    new Source("ConfigMap", configMapKey.getName(), configMapKey.getKey()));
        }
        var secretKey = var.getValueFrom().getSecretKeyRef();
        if (secretKey != null) {
            return new Entry(var.getName(), secretData(manifests, secretKey.getName()).get(secretKey.getKey()),
                    new Source("Secret", secretKey.getName(), secretKey.getKey()));
        }
        return new Entry(var.getName(), null, null);
    }

    /** A ConfigMap's data, or empty when there is no such ConfigMap. */
    static Map<String, String> configMapData(Manifests manifests, String name) {
        return manifests.find(ConfigMap.class, name).map(ConfigMap::getData).orElse(Map.of());
    }

    /** A Secret's keys with decoded values: {@code data} (base64) and {@code stringData} (plain, wins). */
    static Map<String, String> secretData(Manifests manifests, String name) {
        Optional<Secret> secret = manifests.find(Secret.class, name);
        Map<String, String> data = new LinkedHashMap<>();
        secret.ifPresent(s -> {
            s.getData().forEach((key, base64) -> data.put(key, decode(base64)));
            data.putAll(s.getStringData());
        });
        return data;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
