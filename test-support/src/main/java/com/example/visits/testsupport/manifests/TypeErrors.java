package com.example.visits.testsupport.manifests;

import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's "Cannot coerce Integer value (5432) to `java.lang.String`" into words a learner can act on. */
final class TypeErrors {

    private TypeErrors() {
    }

    /** Where in the document the value with the wrong type is (relative to the object being read). */
    static FieldPath pathOf(DatabindException error) {
        FieldPath path = FieldPath.root();
        for (DatabindException.Reference reference : error.getPath()) {
            path = reference.getPropertyName() != null
                    ? path.field(reference.getPropertyName())
                    : path.index(reference.getIndex());
        }
        return path;
    }

    /** E.g. {@code wrong type at data.DB_PORT: expected a string but found the number 5432 (put it in quotes: "5432")}. */
    static String describe(DatabindException error, JsonNode found) {
        FieldPath path = pathOf(error);
        Class<?> expected = error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (expected == null || found == null || found.isMissingNode()) {
            return "cannot be read at " + path + ": " + firstLine(error.getOriginalMessage());
        }
        return "wrong type at " + path + ": expected " + expectedText(expected) + " but found " + foundText(found)
                + hint(expected, found);
    }

    private static String expectedText(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list (lines starting with \"- \")";
        }
        if (Map.class.isAssignableFrom(type) || type.getName().startsWith("io.fabric8.")) {
            return "a mapping (key: value lines)";
        }
        return "a " + type.getSimpleName();
    }

    private static String foundText(JsonNode found) {
        if (found.isString()) {
            return "the text \"" + found.asString() + "\"";
        }
        if (found.isNumber()) {
            return "the number " + found;
        }
        if (found.isBoolean()) {
            return "the boolean " + found;
        }
        if (found.isArray()) {
            return "a list";
        }
        if (found.isObject()) {
            return "a mapping";
        }
        return "null";
    }

    private static String hint(Class<?> expected, JsonNode found) {
        if (expected == String.class && (found.isNumber() || found.isBoolean())) {
            return " (put it in quotes: \"" + found + "\")";
        }
        boolean wantsNumber = expected == Integer.class || expected == Long.class;
        if (wantsNumber && found.isString() && found.asString().matches("-?[0-9]+")) {
            return " (remove the quotes: " + found.asString() + ")";
        }
        if (expected == Boolean.class && found.isString()) {
            return " (write true or false, without quotes)";
        }
        return "";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
