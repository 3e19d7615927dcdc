package com.example.visits.testsupport.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;

/** A place inside one YAML document: field names and list indexes, e.g. {@code spec.containers[0].ports[0]}. */
record FieldPath(List<Object> segments) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    static FieldPath root() {
        return new FieldPath(List.of());
    }

    FieldPath field(String name) {
        return with(name);
    }

    FieldPath index(int index) {
        return with(index);
    }

    FieldPath append(FieldPath tail) {
        List<Object> joined = new ArrayList<>(segments);
        joined.addAll(tail.segments);
        return new FieldPath(List.copyOf(joined));
    }

    private FieldPath with(Object segment) {
        List<Object> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new FieldPath(List.copyOf(longer));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    JsonPointer toPointer() {
        JsonPointer pointer = JsonPointer.empty();
        for (Object segment : segments) {
            pointer = segment instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty((String) segment);
        }
        return pointer;
    }

    /** As a learner reads it: {@code spec.template.spec.containers[0]}, {@code metadata.labels["app.kubernetes.io/name"]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else if (PLAIN_KEY.matcher((String) segment).matches()) {
                text.append(text.isEmpty() ? "" : ".").append(segment);
            } else {
                text.append("[\"").append(segment).append("\"]");
            }
        }
        return text.toString();
    }
}
