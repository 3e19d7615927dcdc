package com.example.visits.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A kubectl {@code -l} label selector, evaluated the way kubectl does: comma-separated requirements that must all
 * hold; each {@code key}, {@code !key}, {@code key=value}, {@code key==value}, {@code key!=value},
 * {@code key in (a,b)} or {@code key notin (a,b)}.
 */
record LabelSelector(String text, List<Predicate<Map<String, String>>> requirements) {

    static LabelSelector parse(String text) {
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        for (String requirement : splitTopLevel(text)) {
            requirements.add(requirement(requirement.trim()));
        }
        return new LabelSelector(text, List.copyOf(requirements));
    }

    boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(requirement -> requirement.test(labels));
    }

    private static Predicate<Map<String, String>> requirement(String text) {
        String[] set = text.split("\\s+(notin|in)\\s+", 2);
        if (set.length == 2) {
            String key = set[0].trim();
            String list = set[1].trim();
            if (!list.startsWith("(") || !list.endsWith(")")) {
                throw new IllegalArgumentException("not a set-based requirement: " + text);
            }
            Set<String> values = Set.of(list.substring(1, list.length() - 1).split("\\s*,\\s*"));
            boolean notIn = text.matches(".*\\s+notin\\s+.*");
            // kubernetes: "in" needs the key with one of the values; "notin" also matches when the key is absent
            return labels -> labels.containsKey(key) ? notIn != values.contains(labels.get(key)) : notIn;
        }
        if (text.contains("!=")) {
            String[] pair = text.split("!=", 2);
            return labels -> !pair[1].trim().equals(labels.get(pair[0].trim()));
        }
        if (text.contains("=")) {
            String[] pair = text.split("==?", 2);
            return labels -> pair[1].trim().equals(labels.get(pair[0].trim()));
        }
        if (text.startsWith("!")) {
            return labels -> !labels.containsKey(text.substring(1).trim());
        }
        return labels -> labels.containsKey(text);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    @Override
    public String toString() {
        return text;
    }
}
