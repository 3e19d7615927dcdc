package com.example.visits.testsupport.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import com.example.visits.testsupport.steps.Dockerfile.Instruction;

/**
 * Replays a multi-stage Dockerfile on the local file system, without Docker: each stage gets a directory as its
 * root, {@code WORKDIR} and {@code COPY} (from the build context or {@code --from} an earlier stage) act on those
 * directories, and the {@code RUN} commands of the build stages run with the local {@code java} on the PATH.
 * {@code RUN} in the final stage is not replayed (there it creates the image's user, which needs the base image).
 * What comes out is the final stage's working directory and its {@code ENTRYPOINT}: enough to prove that the
 * Dockerfile's {@code COPY} finds what the Maven build produced and that the extracted layers start the app.
 */
public final class ImageBuildSimulation {

    /** The final stage's working directory and the command the container would run there. */
    public record Image(Path workingDirectory, List<String> entrypoint) {
    }

    private final Dockerfile dockerfile;
    private final Path context;
    private final Path root;
    private final Map<String, Integer> stageNames = new HashMap<>();

    private ImageBuildSimulation(Dockerfile dockerfile, Path context, Path root) {
        this.dockerfile = dockerfile;
        this.context = context;
        this.root = root;
    }

    /** {@code docker build -f dockerfile context}, with every stage's file system under {@code root}. */
    public static Image build(Dockerfile dockerfile, Path context, Path root) {
        return new ImageBuildSimulation(dockerfile, context, root).run();
    }

    private Image run() {
        Map<Integer, String> workdirs = new HashMap<>();
        List<String> entrypoint = List.of();
        for (Instruction instruction : dockerfile.instructions()) {
            int stage = instruction.stage();
            String workdir = workdirs.getOrDefault(stage, "/");
            switch (instruction.keyword()) {
                case "FROM" -> {
                    List<String> operands = instruction.operands();
                    if (operands.size() == 3 && operands.get(1).equalsIgnoreCase("AS")) {
                        stageNames.put(operands.get(2), stage);
                    }
                    createDirectories(stageRoot(stage));
                }
                case "WORKDIR" -> {
                    workdirs.put(stage, instruction.arguments().strip());
                    createDirectories(inStage(stage, "/", instruction.arguments().strip()));
                }
                case "COPY" -> copy(instruction, workdir);
                case "RUN" -> {
                    if (stage != dockerfile.lastStage()) {
                        runShell(instruction, inStage(stage, "/", workdir));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = execForm(instruction);
                default -> {
                    // ARG, ENV, USER, EXPOSE, LABEL: metadata, nothing to replay on the file system.
                }
            }
        }
        int last = dockerfile.lastStage();
        return new Image(inStage(last, "/", workdirs.getOrDefault(last, "/")), entrypoint);
    }

    private void copy(Instruction copy, String workdir) {
        List<String> operands = copy.operands();
        if (operands.size() != 2) {
            throw new AssertionError("Expected COPY <source> <destination>, got " + copy);
        }
        Path destination = inStage(copy.stage(), workdir, operands.get(1));
        String fromStage = copy.option("from").orElse(null);
        if (fromStage != null) {
            Integer source = stageNames.get(fromStage);
            if (source == null) {
                throw new AssertionError("COPY --from names no earlier stage: " + copy);
            }
            Path directory = inStage(source, "/", operands.get(0));
            if (!Files.isDirectory(directory)) {
                throw new AssertionError("Stage " + fromStage + " has no " + operands.get(0) + " for " + copy);
            }
            copyDirectoryContents(directory, destination);
            return;
        }
        Path file = matchInContext(copy, operands.get(0));
        Path target = operands.get(1).endsWith("/") ? destination.resolve(file.getFileName()) : destination;
        try {
            createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one file of the build context a COPY source (glob) names: none or several is an error, as in Docker. */
    private Path matchInContext(Instruction copy, String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(context)) {
            List<Path> matches = files.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(context.relativize(file))).toList();
            if (matches.size() != 1) {
                throw new AssertionError(copy + " must match exactly one file of the build context " + context
                        + " but matches " + matches.size() + ": " + matches
                        + (matches.isEmpty() ? " (run `./mvnw package` first)" : ""));
            }
            return matches.get(0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runShell(Instruction run, Path directory) {
        try {
            Process process = new ProcessBuilder("bash", "-c", run.arguments()).directory(directory.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(run + " failed:\n" + output);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code ENTRYPOINT ["java", "-jar", "application.jar"]}: only the exec form runs without a shell. */
    private static List<String> execForm(Instruction entrypoint) {
        String arguments = entrypoint.arguments().strip();
        if (!arguments.startsWith("[")) {
            throw new AssertionError("Use the exec form (a JSON array), so the JVM gets SIGTERM itself: " + entrypoint);
        }
        return List.of(JsonMapper.builder().build().readValue(arguments, String[].class));
    }

    private Path stageRoot(int stage) {
        return root.resolve("stage-" + stage);
    }

    /** A path of the stage's file system: absolute, or relative to {@code workdir}. */
    private Path inStage(int stage, String workdir, String path) {
        String absolute = path.startsWith("/") ? path : workdir + "/" + path;
        return stageRoot(stage).resolve(absolute.replaceFirst("^/+", "")).normalize();
    }

    private static void copyDirectoryContents(Path source, Path destination) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = destination.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    createDirectories(target);
                }
                else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the image's entrypoint in its working directory with {@code environment} added (as a Deployment's env
     * would), listening on a free port, as the container would run.
     */
    public static Container start(Image image, Map<String, String> environment, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(image.entrypoint());
        command.add("--server.port=" + port);
        var builder = new ProcessBuilder(command).directory(image.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new Container(builder.start(), port, log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entrypoint's process, as a running container. */
    public record Container(Process process, int port, Path log) implements AutoCloseable {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        /** {@code GET path} once the app listens (its output is in the message if it exits or never listens). */
        public HttpResponse<String> awaitGet(String path, Duration timeout) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build();
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("The app exited with " + process.exitValue() + ":\n" + output());
                }
                try {
                    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                }
                catch (IOException notListeningYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new AssertionError("No answer on port " + port + " within " + timeout + ":\n" + output());
                    }
                    pause();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        private String output() {
            try {
                return Files.readString(log);
            }
            catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        private static void pause() {
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Stops it the way Kubernetes does: SIGTERM, then SIGKILL after a grace period. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
