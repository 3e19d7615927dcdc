package com.example.visits.testsupport.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into its instructions (continuation lines joined, comments dropped), and the facts the tests
 * compare with the build and the manifests: base images, exposed ports, the user the container runs as.
 */
public record Dockerfile(Path path, List<Instruction> instructions) {

    /** One instruction, e.g. {@code COPY --from=builder /builder/extracted/application/ ./}, in stage {@code stage}. */
    public record Instruction(String keyword, String arguments, int stage, int line) {

        /** Arguments split on blanks, options such as {@code --from=builder} included. */
        public List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }

        public Optional<String> option(String name) {
            return words().stream().filter(word -> word.startsWith("--" + name + "="))
                    .map(word -> word.substring(name.length() + 3)).findFirst();
        }

        /** The words that are not {@code --options}. */
        public List<String> operands() {
            return words().stream().filter(word -> !word.startsWith("--")).toList();
        }

        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + arguments;
        }
    }

    /** A user in {@code USER uid[:gid]} form. */
    public record NumericUser(long uid, Optional<Long> gid) {
    }

    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(?::(\\d+))?");

    public static Dockerfile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int stage = -1;
        int firstLine = 0;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (pending.isEmpty()) {
                firstLine = index + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (continues) {
                continue;
            }
            String text = pending.toString().strip();
            pending.setLength(0);
            String[] parts = text.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(keyword, parts.length > 1 ? parts[1] : "", stage, firstLine));
        }
        return new Dockerfile(path, List.copyOf(instructions));
    }

    public List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    public int lastStage() {
        return instructions.stream().mapToInt(Instruction::stage).max().orElse(-1);
    }

    /** The instructions that shape the image that runs: those of the last stage. */
    public List<Instruction> finalStage(String keyword) {
        return all(keyword).stream().filter(instruction -> instruction.stage() == lastStage()).toList();
    }

    /** The image each {@code FROM} starts from, e.g. {@code eclipse-temurin:17.0.19_10-jre-noble}. */
    public List<String> baseImages() {
        return all("FROM").stream().map(from -> from.operands().get(0)).toList();
    }

    /** The ports the image that runs declares with {@code EXPOSE}. */
    public List<Integer> exposedPorts() {
        return finalStage("EXPOSE").stream().flatMap(expose -> expose.operands().stream())
                .map(port -> Integer.parseInt(port.replace("/tcp", ""))).toList();
    }

    /** The last {@code USER} of the image that runs, if it is numeric ({@code 10001} or {@code 10001:10001}). */
    public Optional<NumericUser> numericUser() {
        List<Instruction> users = finalStage("USER");
        if (users.isEmpty()) {
            return Optional.empty();
        }
        Matcher user = NUMERIC_USER.matcher(users.get(users.size() - 1).arguments().strip());
        if (!user.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NumericUser(Long.parseLong(user.group(1)),
                Optional.ofNullable(user.group(2)).map(Long::parseLong)));
    }
}
