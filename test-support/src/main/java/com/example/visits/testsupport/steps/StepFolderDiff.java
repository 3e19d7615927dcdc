package com.example.visits.testsupport.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

/**
 * The line diff between two steps' k8s/ folders ({@code diff -r} with java-diff-utils), and where in the
 * Kubernetes objects each changed line sits, e.g. {@code Deployment/postgres spec.strategy.type}: enough to show
 * that a step changes only what its concept is about. The workbook's markers are left out first, as the rendered
 * workbook leaves them out: {@code # tag::name[]} / {@code # end::name[]} lines and {@code # <1>} callouts.
 */
public final class StepFolderDiff {

    /** A changed file: its name, its lines on both sides (markers left out) and the deltas between them. */
    public record FileDiff(String name, List<String> before, List<String> after, Patch<String> patch) {

        /** {@code diff -u} text, with {@code context} unchanged lines around each change. */
        public List<String> unified(String previousFolder, String nextFolder, int context) {
            return UnifiedDiffUtils.generateUnifiedDiff(previousFolder + "/" + name, nextFolder + "/" + name, before,
                    patch, context);
        }
    }

    private static final Pattern TAG_LINE = Pattern.compile("^\\s*#\\s*(tag|end)::[\\w-]+\\[[^\\]]*\\]\\s*$");
    private static final Pattern CALLOUT = Pattern.compile("\\s+#\\s*<\\d+>\\s*$");
    private static final Pattern KEY = Pattern.compile("^([^:#'\"\\s][^:]*|\"[^\"]*\"|'[^']*'):(\\s.*|)$");
    private static final Pattern NAME_ITEM = Pattern.compile("^name:\\s*(\\S+)\\s*$");

    private final List<String> added;
    private final List<String> removed;
    private final List<FileDiff> changed;

    private StepFolderDiff(List<String> added, List<String> removed, List<FileDiff> changed) {
        this.added = added;
        this.removed = removed;
        this.changed = changed;
    }

    /** Compares every file of {@code previous} with the file of the same name in {@code next}. */
    public static StepFolderDiff between(Path previous, Path next) {
        Set<String> before = fileNames(previous);
        Set<String> after = fileNames(next);
        List<String> added = after.stream().filter(name -> !before.contains(name)).toList();
        List<String> removed = before.stream().filter(name -> !after.contains(name)).toList();
        List<FileDiff> changed = new ArrayList<>();
        for (String name : before) {
            if (after.contains(name)) {
                List<String> original = readWithoutMarkers(previous.resolve(name));
                List<String> revised = readWithoutMarkers(next.resolve(name));
                Patch<String> patch = DiffUtils.diff(original, revised);
                if (!patch.getDeltas().isEmpty()) {
                    changed.add(new FileDiff(name, original, revised, patch));
                }
            }
        }
        return new StepFolderDiff(added, removed, changed);
    }

    /** Files only in the later step. */
    public List<String> added() {
        return added;
    }

    /** Files only in the earlier step (a renamed file shows here and in {@link #added()}). */
    public List<String> removed() {
        return removed;
    }

    /** Files in both steps whose lines differ. */
    public List<FileDiff> changed() {
        return changed;
    }

    /**
     * Where each changed, added or removed line of the common files sits, e.g.
     * {@code app.yaml: Deployment/visit-counter spec.template.spec.containers[visit-counter].env[DB_HOST].value}.
     * Comment and blank lines have no place: comments may explain a change anywhere.
     */
    public Set<String> touchedPaths() {
        Set<String> paths = new TreeSet<>();
        for (FileDiff file : changed) {
            List<String> pathsBefore = yamlPaths(file.before());
            List<String> pathsAfter = yamlPaths(file.after());
            for (AbstractDelta<String> delta : file.patch().getDeltas()) {
                addPaths(paths, file.name(), pathsBefore, delta.getSource().getPosition(), delta.getSource().size());
                addPaths(paths, file.name(), pathsAfter, delta.getTarget().getPosition(), delta.getTarget().size());
            }
        }
        return paths;
    }

    private static void addPaths(Set<String> paths, String file, List<String> linePaths, int from, int count) {
        for (int line = from; line < from + count; line++) {
            if (linePaths.get(line) != null) {
                paths.add(file + ": " + linePaths.get(line));
            }
        }
    }

    /** The lines of a step file as the workbook shows them: without tag lines, without callouts. */
    public static List<String> readWithoutMarkers(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !TAG_LINE.matcher(line).matches())
                    .map(line -> CALLOUT.matcher(line).replaceFirst("")).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * For each line, {@code Kind/name key.path} of the YAML key it holds ({@code [name]} for a list item with a
     * {@code name}, {@code []} for others), or null for comments, blank lines and {@code ---}. Enough for the
     * block-style YAML of the steps; flow collections count as the value of their key.
     */
    static List<String> yamlPaths(List<String> lines) {
        List<String> paths = new ArrayList<>();
        int start = 0;
        while (start <= lines.size()) {
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("---")) {
                end++;
            }
            List<String> document = lines.subList(start, end);
            String object = objectName(document);
            Deque<Object[]> keys = new ArrayDeque<>(); // {indent, key}
            for (String line : document) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    paths.add(null);
                    continue;
                }
                int indent = line.indexOf(content);
                while (!keys.isEmpty() && (int) keys.peek()[0] >= indent) {
                    keys.pop();
                }
                if (content.startsWith("- ") || content.equals("-")) {
                    String item = content.length() > 2 ? content.substring(2).strip() : "";
                    Matcher name = NAME_ITEM.matcher(item);
                    keys.push(new Object[] { indent, name.matches() ? "[" + name.group(1) + "]" : "[]" });
                    indent += 2;
                    content = item;
                }
                Matcher key = KEY.matcher(content);
                if (key.matches()) {
                    keys.push(new Object[] { indent, key.group(1) });
                }
                paths.add(object + " " + path(keys));
            }
            if (end < lines.size()) {
                paths.add(null); // the --- line
            }
            start = end + 1;
        }
        return paths;
    }

    private static String path(Deque<Object[]> keys) {
        StringBuilder path = new StringBuilder();
        var descending = keys.descendingIterator();
        while (descending.hasNext()) {
            String key = (String) descending.next()[1];
            if (!key.startsWith("[") && path.length() > 0) {
                path.append('.');
            }
            path.append(key);
        }
        return path.toString();
    }

    /** {@code Deployment/postgres}, from the document's top-level {@code kind} and {@code metadata.name}. */
    private static String objectName(List<String> document) {
        String kind = "?";
        String name = "?";
        boolean inMetadata = false;
        for (String line : document) {
            if (line.startsWith("kind:")) {
                kind = line.substring(5).strip();
            }
            if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
                inMetadata = line.startsWith("metadata:");
            }
            else if (inMetadata && line.startsWith("  name:")) {
                name = line.substring(7).strip();
            }
        }
        return kind + "/" + name;
    }

    private static Set<String> fileNames(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }
}
