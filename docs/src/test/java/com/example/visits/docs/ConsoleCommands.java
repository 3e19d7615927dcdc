package com.example.visits.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands a learner is told to type: the lines of every {@code [source,console]} block of a page. In a block
 * whose lines start with {@code $ } only those lines are commands (the rest is output); otherwise every line is.
 * Lines ending in a backslash continue on the next line.
 */
record ConsoleCommands(String page, List<String> lines) {

    private static final Pattern CONSOLE_BLOCK = Pattern.compile("^\\[source,\\s*(console|shell|bash|sh)\\b.*]$");
    private static final Pattern DELIMITER = Pattern.compile("^-{4,}$");

    static ConsoleCommands of(Path adoc) {
        String page = adoc.getFileName().toString().replaceFirst("\\.adoc$", "");
        List<String> source = Workbook.read(adoc).lines().toList();
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            if (!CONSOLE_BLOCK.matcher(source.get(i).trim()).matches()) {
                continue;
            }
            int open = i + 1;
            while (open < source.size() && source.get(open).startsWith(".")) { // a block title may sit between
                open++;
            }
            if (open >= source.size() || !DELIMITER.matcher(source.get(open).trim()).matches()) {
                continue;
            }
            String fence = source.get(open).trim();
            List<String> block = new ArrayList<>();
            int line = open + 1;
            while (line < source.size() && !source.get(line).trim().equals(fence)) {
                block.add(source.get(line));
                line++;
            }
            commands.addAll(commandsIn(block));
            i = line;
        }
        return new ConsoleCommands(page, commands);
    }

    private static List<String> commandsIn(List<String> block) {
        boolean prompted = block.stream().anyMatch(line -> line.startsWith("$ "));
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String raw : block) {
            String line = raw.replaceFirst("\\s+<\\d+>$", ""); // a callout is not part of the command
            if (current != null) {
                current.append(' ').append(line.trim());
            } else if (prompted && line.startsWith("$ ")) {
                current = new StringBuilder(line.substring(2).trim());
            } else if (!prompted && !line.isBlank() && !line.trim().startsWith("#")) {
                current = new StringBuilder(line.trim());
            } else {
                continue;
            }
            if (current.toString().endsWith("\\")) {
                current.setLength(current.length() - 1);
            } else {
                commands.add(current.toString().replaceFirst("\\s+#.*$", "").trim());
                current = null;
            }
        }
        return commands;
    }

    /**
     * Splits a command line into simple commands (at {@code &&}, {@code ||}, {@code ;} and {@code |}), each as its
     * words, honouring single and double quotes. {@code $(...)} stays inside its word.
     */
    static List<List<String>> simpleCommands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        int nesting = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                nesting++;
                word.append(c);
            } else if (c == ')' && nesting > 0) {
                nesting--;
                word.append(c);
            } else if (nesting == 0 && (c == '|' || c == ';' || c == '&')) {
                flush(word, words);
                if (!words.isEmpty()) {
                    commands.add(words);
                }
                words = new ArrayList<>();
                while (i + 1 < line.length() && (line.charAt(i + 1) == '|' || line.charAt(i + 1) == '&')) {
                    i++;
                }
            } else if (nesting == 0 && Character.isWhitespace(c)) {
                flush(word, words);
            } else {
                word.append(c);
            }
        }
        flush(word, words);
        if (!words.isEmpty()) {
            commands.add(words);
        }
        return commands;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
