package com.example.visits.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;

/** Reads where a container's environment variables come from, as "object/key". */
final class EnvVars {

    private EnvVars() {
    }

    static Map<String, EnvVar> byName(Container container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(variable -> env.put(variable.getName(), variable));
        return env;
    }

    static String configMapKey(EnvVar variable) {
        var ref = variable.getValueFrom() == null ? null : variable.getValueFrom().getConfigMapKeyRef();
        return ref == null ? null : ref.getName() + "/" + ref.getKey();
    }

    static String secretKey(EnvVar variable) {
        var ref = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
        return ref == null ? null : ref.getName() + "/" + ref.getKey();
    }
}
