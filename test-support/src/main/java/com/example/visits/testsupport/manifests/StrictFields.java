package com.example.visits.testsupport.manifests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields fabric8 did not know. fabric8 never fails on an unknown key: it keeps it in the object's
 * {@code additionalProperties}. So this walks every model object reachable from a resource (nested objects, lists,
 * maps) and reports each such key, with the names that would have been valid at that place.
 */
final class StrictFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    /** One key fabric8 did not recognise, where it was found, and the keys that are valid there. */
    record UnknownField(FieldPath where, String key, Collection<String> validKeys) {
    }

    private StrictFields() {
    }

    static List<UnknownField> find(Object resource) {
        List<UnknownField> found = new ArrayList<>();
        walk(resource, FieldPath.root(), found);
        return found;
    }

    private static void walk(Object value, FieldPath path, List<UnknownField> found) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path.index(i), found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, path.field(String.valueOf(key)), found));
        } else if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            walkModel(value, path, found);
        }
    }

    private static void walkModel(Object model, FieldPath path, List<UnknownField> found) {
        Map<String, Field> properties = jsonProperties(model.getClass());
        for (Map.Entry<String, Field> property : properties.entrySet()) {
            walk(read(property.getValue(), model), path.field(property.getKey()), found);
        }
        Object extra = additionalProperties(model);
        if (extra instanceof Map<?, ?> unknown) {
            unknown.keySet().forEach(key -> found.add(new UnknownField(path, String.valueOf(key), properties.keySet())));
        }
    }

    /** The JSON/YAML names of a model class, mapped to the Java fields holding them. */
    private static Map<String, Field> jsonProperties(Class<?> type) {
        Map<String, Field> properties = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty json = field.getAnnotation(JsonProperty.class);
                if (json != null && !Modifier.isStatic(field.getModifiers())) {
                    properties.putIfAbsent(json.value().isEmpty() ? field.getName() : json.value(), field);
                }
            }
        }
        return properties;
    }

    private static Object additionalProperties(Object model) {
        for (Class<?> c = model.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return read(c.getDeclaredField("additionalProperties"), model);
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        return null;
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field + " of the fabric8 model", e);
        }
    }
}
