package com.example.visits.testsupport.scripts;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a bash script for real in a throw-away directory, with stub executables in place of the tools it calls.
 *
 * <p>Layout: {@code repo/} (the files under test, copied, plus stubs such as {@code repo/mvnw}), {@code bin/} (stubs,
 * first on PATH), {@code tools/} (links to the harmless system tools a script needs: sed, grep, sleep, ...),
 * {@code state/} (for stubs that remember), {@code tmp/} (TMPDIR) and {@code home/} (HOME). PATH holds only
 * {@code bin/} and {@code tools/}, so a real kubectl or docker on the machine is never reached: a tool that is not
 * stubbed is missing, exactly as on a learner's machine without it. The environment is empty except PATH, HOME,
 * TMPDIR, LANG, the stub variables and what {@link #env(String, String)} adds.
 *
 * <p>Every stub appends one record per call (command, working directory, recorded environment variables,
 * arguments) before it behaves as its {@link Stub} says; {@link ScriptResult#calls()} returns them in order.
 */
public final class ScriptSandbox implements AutoCloseable {

    /** System tools that scripts may use; only those found on this machine are linked. */
    public static final List<String> DEFAULT_TOOLS = List.of(
            "bash", "sh", "cat", "sed", "grep", "awk", "date", "mktemp", "sleep", "tr", "cut", "head", "tail", "env",
            "rm", "mkdir", "dirname", "basename", "kill", "ps", "sort", "uniq", "wc", "tee", "nohup", "chmod", "ls",
            "cp", "mv", "touch", "id", "uname", "seq", "expr", "printf", "true", "false", "test", "readlink", "xargs");

    private static final char FIELD = '\u001f';
    private static final char RECORD = '\u001e';

    private final Path root;
    private final Path repo;
    private final Path bin;
    private final Path tools;
    private final Path state;
    private final Path calls;
    private final Path backgroundPids;
    private final String bash;
    private final Map<String, String> environment = new HashMap<>();
    private final Set<String> recordedEnvironment = new LinkedHashSet<>();
    private Duration timeout = Duration.ofSeconds(60);

    private ScriptSandbox(Path root) throws IOException {
        this.root = root;
        this.repo = Files.createDirectories(root.resolve("repo"));
        this.bin = Files.createDirectories(root.resolve("bin"));
        this.tools = Files.createDirectories(root.resolve("tools"));
        this.state = Files.createDirectories(root.resolve("state"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("home"));
        this.calls = Files.createFile(root.resolve("calls.log"));
        this.backgroundPids = Files.createFile(root.resolve("background.pids"));
        this.bash = findOnSystemPath("bash")
                .orElseThrow(() -> new IllegalStateException("bash is not installed"))
                .toString();
        for (String tool : DEFAULT_TOOLS) {
            allowSystemTool(tool);
        }
    }

    public static ScriptSandbox create() {
        try {
            return new ScriptSandbox(Files.createTempDirectory("script-sandbox-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** The directory the scripts under test are copied to and run from. */
    public Path repo() {
        return repo;
    }

    /** The directory stubs may keep state in (also {@code $STUB_STATE} inside stubs). */
    public Path state() {
        return state;
    }

    /** Copies files from {@code sourceRoot} into the sandbox repo at the same relative paths, keeping them executable. */
    public ScriptSandbox copyIntoRepo(Path sourceRoot, String... relativePaths) {
        for (String relative : relativePaths) {
            Path target = repo.resolve(relative);
            try {
                Files.createDirectories(target.getParent());
                Files.copy(sourceRoot.resolve(relative), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Writes a file into the sandbox repo. */
    public ScriptSandbox writeFile(String repoRelative, String content) {
        Path target = repo.resolve(repoRelative);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Puts a stub named {@code command} first on PATH. */
    public ScriptSandbox stub(String command, Stub stub) {
        writeStub(bin.resolve(command), command, stub);
        return this;
    }

    /** Puts a stub at a path inside the repo, e.g. {@code "mvnw"} for a script that runs {@code ./mvnw}. */
    public ScriptSandbox stubInRepo(String repoRelative, Stub stub) {
        Path target = repo.resolve(repoRelative);
        writeStub(target, target.getFileName().toString(), stub);
        return this;
    }

    /**
     * Puts a stub at a path relative to the sandbox's root, outside PATH and the repo: e.g. {@code "jdk/bin/java"} for a
     * JDK that only {@code JAVA_HOME} names.
     */
    public ScriptSandbox stubAt(String rootRelative, Stub stub) {
        Path target = root.resolve(rootRelative).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException(rootRelative + " lies outside the sandbox");
        }
        writeStub(target, target.getFileName().toString(), stub);
        return this;
    }

    /** Removes a stub from PATH again (to simulate a tool that is not installed). */
    public ScriptSandbox removeStub(String command) {
        try {
            Files.deleteIfExists(bin.resolve(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sets an environment variable for the script (and so for the stubs it calls). */
    public ScriptSandbox env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Makes every stub record the value of these environment variables with each call (when set). */
    public ScriptSandbox recordEnv(String... names) {
        recordedEnvironment.addAll(Arrays.asList(names));
        return this;
    }

    /** Makes a system tool available to the script (a link in {@code tools/}); ignored when it is not installed. */
    public ScriptSandbox allowSystemTool(String name) {
        findOnSystemPath(name).ifPresent(path -> {
            try {
                Files.deleteIfExists(tools.resolve(name));
                Files.createSymbolicLink(tools.resolve(name), path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return this;
    }

    /** How long one run may take before it is killed and the test fails (default 60 s). */
    public ScriptSandbox timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Runs {@code bash <repo>/<script> args...} from the repo directory and waits for it. */
    public ScriptResult run(String repoRelativeScript, String... arguments) {
        int callsBefore = calls().size();
        List<String> command = new ArrayList<>(List.of(bash, repo.resolve(repoRelativeScript).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        Path stdout = root.resolve("stdout.txt");
        Path stderr = root.resolve("stderr.txt");
        // Files, not pipes: a background child (nohup kubectl port-forward) must not keep the run from ending.
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(baseEnvironment());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(repoRelativeScript + " did not finish within " + timeout + "\n---- stdout ----\n"
                        + Files.readString(stdout) + "---- stderr ----\n" + Files.readString(stderr));
            }
            List<RecordedCall> all = calls();
            return new ScriptResult(process.exitValue(), Files.readString(stdout), Files.readString(stderr),
                    all.subList(callsBefore, all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every call recorded since the sandbox was created, in order. */
    public List<RecordedCall> calls() {
        try {
            String text = Files.readString(calls, StandardCharsets.UTF_8);
            List<RecordedCall> result = new ArrayList<>();
            for (String record : text.split(String.valueOf(RECORD))) {
                if (!record.isEmpty()) {
                    result.add(parse(record));
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the background processes that stubs registered, then deletes the sandbox. */
    @Override
    public void close() {
        try {
            for (String line : Files.readAllLines(backgroundPids)) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> baseEnvironment() {
        Map<String, String> base = new HashMap<>();
        base.put("PATH", bin + File.pathSeparator + tools);
        base.put("HOME", root.resolve("home").toString());
        base.put("TMPDIR", root.resolve("tmp").toString());
        base.put("LANG", "C.UTF-8");
        base.put("STUB_CALLS", calls.toString());
        base.put("STUB_STATE", state.toString());
        base.put("STUB_BACKGROUND_PIDS", backgroundPids.toString());
        return base;
    }

    private void writeStub(Path target, String name, Stub stub) {
        String recorded = String.join(" ", recordedEnvironment);
        String script = "#!" + bash + "\n"
                + "# Stub written by ScriptSandbox: records this call, then behaves as the test said.\n"
                + "__stub_record() {\n"
                + "  local record v n=0 envs='' a\n"
                + "  for v in " + recorded + "; do\n"
                + "    if [ -n \"${!v+x}\" ]; then n=$((n + 1)); envs=\"$envs\"$'\\037'\"$v=${!v}\"; fi\n"
                + "  done\n"
                + "  record=" + Bash.quote(name) + "$'\\037'\"$PWD\"$'\\037'\"$n$envs\"\n"
                + "  for a in \"$@\"; do record=\"$record\"$'\\037'\"$a\"; done\n"
                + "  printf '%s\\036' \"$record\" >>\"$STUB_CALLS\"\n"
                + "}\n"
                + "__stub_record \"$@\"\n"
                + "unset -f __stub_record\n"
                + stripShebang(stub.body()) + "\n";
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripShebang(String body) {
        return body.startsWith("#!") ? body.substring(body.indexOf('\n') + 1) : body;
    }

    private static RecordedCall parse(String record) {
        String[] fields = record.split(String.valueOf(FIELD), -1);
        int environmentCount = Integer.parseInt(fields[2]);
        Map<String, String> recorded = new HashMap<>();
        for (int i = 0; i < environmentCount; i++) {
            String entry = fields[3 + i];
            int equals = entry.indexOf('=');
            recorded.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        List<String> arguments = Arrays.asList(fields).subList(3 + environmentCount, fields.length);
        return new RecordedCall(fields[0], fields[1], recorded, arguments);
    }

    static Optional<Path> findOnSystemPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin:/bin";
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
