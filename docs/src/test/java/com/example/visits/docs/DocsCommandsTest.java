package com.example.visits.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command in the workbook is real: read from the sources' console blocks, each script exists and takes the
 * options shown, each Maven module, goal and test exists, each file path exists, and each resource name or label given
 * to kubectl exists in the manifests of the step the page is about (the generated kubernetes.yml for the finished
 * system).
 */
class DocsCommandsTest {

    private static final Path GENERATED_MANIFEST = Workbook.ROOT.resolve(
            "final/target/classes/META-INF/jkube/kubernetes.yml");

    private static final Set<String> MAVEN_PHASES = Set.of("clean", "validate", "compile", "test-compile", "test",
            "package", "verify", "install");
    private static final Map<String, Set<String>> MAVEN_PLUGIN_GOALS = Map.of(
            "k8s", Set.of("build", "resource", "apply", "log", "undeploy", "push", "deploy", "watch", "debug"),
            "spring-boot", Set.of("run", "test-run", "start", "stop", "build-image"));
    private static final Set<String> MINIKUBE_COMMANDS = Set.of("start", "stop", "delete", "status", "service",
            "docker-env", "image", "addons", "kubectl", "ip", "ssh", "profile", "version", "tunnel", "dashboard");
    /** kubectl's names for the kinds the workbook names, as {@code kubectl api-resources} lists them. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("deployment", "Deployment"), Map.entry("deployments", "Deployment"),
            Map.entry("deploy", "Deployment"),
            Map.entry("statefulset", "StatefulSet"), Map.entry("statefulsets", "StatefulSet"),
            Map.entry("sts", "StatefulSet"),
            Map.entry("service", "Service"), Map.entry("services", "Service"), Map.entry("svc", "Service"),
            Map.entry("configmap", "ConfigMap"), Map.entry("configmaps", "ConfigMap"), Map.entry("cm", "ConfigMap"),
            Map.entry("secret", "Secret"), Map.entry("secrets", "Secret"),
            Map.entry("pvc", "PersistentVolumeClaim"), Map.entry("persistentvolumeclaim", "PersistentVolumeClaim"),
            Map.entry("persistentvolumeclaims", "PersistentVolumeClaim"),
            Map.entry("networkpolicy", "NetworkPolicy"), Map.entry("networkpolicies", "NetworkPolicy"),
            Map.entry("netpol", "NetworkPolicy"));
    /** Kinds whose objects Kubernetes names itself (pods, replica sets, endpoints, volumes): no name to check. */
    private static final Set<String> KINDS_WITHOUT_NAMES_IN_MANIFESTS = Set.of("pod", "pods", "po", "replicaset",
            "replicasets", "rs", "endpoints", "ep", "endpointslices", "endpointslice", "pv", "persistentvolume",
            "persistentvolumes", "nodes", "node", "events", "storageclass", "storageclasses", "sc", "namespace",
            "namespaces", "ns", "all");
    private static final Set<String> KUBECTL_OPTIONS_WITH_VALUE = Set.of("-n", "--namespace", "-l", "--selector",
            "-o", "--output", "-f", "--filename", "--for", "--timeout", "-c", "--container", "--tail", "--replicas",
            "--context", "--type", "--from-literal");
    /** Repository paths: a word starting with one of these top-level folders must exist. */
    private static final Pattern REPOSITORY_PATH = Pattern.compile(
            "^(steps|final|docs|scripts|web-support|test-support|\\.ci)/.*");

    @Test
    void everyCommandInTheWorkbookIsReal() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path source : Workbook.sources()) {
            ConsoleCommands commands = ConsoleCommands.of(source);
            Scope scope = Scope.of(commands.page());
            for (String line : commands.lines()) {
                for (List<String> words : ConsoleCommands.simpleCommands(line)) {
                    checked++;
                    for (String problem : check(words, scope)) {
                        problems.add(commands.page() + ".adoc: `" + line + "`: " + problem);
                    }
                }
            }
        }
        assertThat(checked).as("commands found in the workbook").isGreaterThan(20);
        assertThat(problems).as("commands that would not work as written").isEmpty();
    }

    @Test
    void theCheckerCatchesWhatWouldNotWork() {
        Scope step04 = Scope.of("step-04-persistent-volume");
        assertThat(check(List.of("./run.sh", "--no-such-option"), step04)).isNotEmpty();
        assertThat(check(List.of("./nope.sh"), step04)).isNotEmpty();
        assertThat(check(List.of("./mvnw", "-pl", "no-such-module", "verify"), step04)).isNotEmpty();
        assertThat(check(List.of("./mvnw", "-pl", "final", "k8s:nope"), step04)).isNotEmpty();
        assertThat(check(List.of("./mvnw", "-pl", "final", "verify", "-Dtest=NoSuchTest"), step04)).isNotEmpty();
        assertThat(check(List.of("kubectl", "apply", "-f", "steps/04-persistent-volume/k8s/nope.yaml"), step04))
                .isNotEmpty();
        assertThat(check(List.of("kubectl", "get", "pvc", "no-such-claim"), step04)).isNotEmpty();
        assertThat(check(List.of("kubectl", "delete", "pod", "-l", "app.kubernetes.io/name=nope"), step04))
                .isNotEmpty();
        assertThat(check(List.of("kubectl", "rollout", "status", "deployment/postgres"), step04)).isEmpty();
        assertThat(check(List.of("kubectl", "get", "pvc", "postgres-data"), step04)).isEmpty();
        assertThat(check(List.of("./stop.sh", "--purge"), step04)).isEmpty();
    }

    static List<String> check(List<String> command, Scope scope) {
        List<String> words = command.stream().dropWhile(word -> word.matches("^[A-Z_][A-Z0-9_]*=.*")).toList();
        List<String> problems = new ArrayList<>();
        if (words.isEmpty()) {
            return problems;
        }
        for (String word : words) {
            String path = word.replaceFirst("[,:]$", "").replaceFirst("^[^=]*=", "");
            if (REPOSITORY_PATH.matcher(path).matches() && !path.contains("*") && !path.contains("<")
                    && !Files.exists(Workbook.ROOT.resolve(path))) {
                problems.add("no file " + path);
            }
        }
        String program = words.get(0);
        List<String> arguments = words.subList(1, words.size());
        if (program.equals("./mvnw")) {
            problems.addAll(checkMaven(arguments));
        } else if (program.startsWith("./")) {
            problems.addAll(checkScript(program, arguments));
        } else if (program.equals("kubectl")) {
            problems.addAll(checkKubectl(arguments, scope));
        } else if (program.equals("minikube") && !arguments.isEmpty()
                && !MINIKUBE_COMMANDS.contains(arguments.get(0))) {
            problems.add("minikube has no command " + arguments.get(0));
        }
        return problems;
    }

    private static List<String> checkScript(String program, List<String> arguments) {
        Path script = Workbook.ROOT.resolve(program.substring(2));
        if (!Files.isExecutable(script)) {
            return List.of("no executable " + program);
        }
        String text = Workbook.read(script);
        List<String> problems = new ArrayList<>();
        for (String argument : arguments) {
            String option = argument.replaceFirst("=.*$", "");
            if (option.startsWith("-") && !text.contains(option + ")") && !text.contains(option + " |")
                    && !text.contains("| " + option + ")")) {
                problems.add(program + " does not take the option " + option);
            }
        }
        return problems;
    }

    private static List<String> checkMaven(List<String> arguments) {
        List<String> problems = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-pl") || argument.equals("--projects")) {
                modules.addAll(List.of(arguments.get(++i).split(",")));
            } else if (argument.startsWith("-Dtest=")) {
                for (String pattern : argument.substring("-Dtest=".length()).split(",")) {
                    if (!testExists(modules, pattern)) {
                        problems.add("no test matches " + pattern + " in " + modules);
                    }
                }
            } else if (argument.startsWith("-")) {
                continue;
            } else if (argument.contains(":")) {
                String prefix = argument.substring(0, argument.indexOf(':'));
                String goal = argument.substring(argument.indexOf(':') + 1);
                if (!MAVEN_PLUGIN_GOALS.getOrDefault(prefix, Set.of()).contains(goal)) {
                    problems.add("no Maven goal " + argument);
                }
            } else if (!MAVEN_PHASES.contains(argument)) {
                problems.add("no Maven phase " + argument);
            }
        }
        String rootPom = Workbook.read(Workbook.ROOT.resolve("pom.xml"));
        for (String module : modules) {
            if (!rootPom.contains("<module>" + module + "</module>")) {
                problems.add("no Maven module " + module);
            }
        }
        return problems;
    }

    private static boolean testExists(List<String> modules, String pattern) {
        String glob = pattern.replace(".", "/").replace("*", "[^/]*");
        Pattern file = Pattern.compile("(^|.*/)" + glob + "\\.java$");
        for (String module : modules.isEmpty() ? List.of(".") : modules) {
            Path tests = Workbook.ROOT.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(tests)) {
                if (files.map(path -> tests.relativize(path).toString().replace('\\', '/'))
                        .anyMatch(path -> file.matcher(path).matches())) {
                    return true;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    private static List<String> checkKubectl(List<String> arguments, Scope scope) {
        List<String> problems = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String option = argument.replaceFirst("=.*$", "");
            String value = argument.contains("=") && argument.startsWith("--") ? argument.substring(
                    argument.indexOf('=') + 1) : null;
            if (argument.startsWith("-") && KUBECTL_OPTIONS_WITH_VALUE.contains(option)) {
                if (value == null && i + 1 < arguments.size()) {
                    value = arguments.get(++i);
                }
                if ((option.equals("-l") || option.equals("--selector")) && value != null) {
                    for (String label : value.split(",")) {
                        if (label.contains("=") && !scope.labels().contains(label.replace("==", "="))) {
                            problems.add("no resource in " + scope.name() + " has the label " + label);
                        }
                    }
                }
            } else if (argument.equals("--")) {
                break;
            } else if (!argument.startsWith("-")) {
                positional.add(argument);
            }
        }
        if (positional.isEmpty()) {
            return problems;
        }
        String verb = positional.get(0);
        List<String> objects = positional.subList(1, positional.size());
        if (verb.equals("rollout") && !objects.isEmpty()) {
            objects = objects.subList(1, objects.size());
        }
        if (Set.of("apply", "create", "run", "config", "version", "cluster-info", "api-resources", "kustomize")
                .contains(verb)) {
            return problems;
        }
        if (verb.equals("port-forward") || verb.equals("exec")) {
            objects = objects.stream().filter(object -> object.contains("/")).toList();
        }
        String pendingKind = null;
        for (String object : objects) {
            if (object.contains("/")) {
                String kind = object.substring(0, object.indexOf('/')).toLowerCase(Locale.ROOT);
                problems.addAll(checkObject(kind, object.substring(object.indexOf('/') + 1), scope));
                pendingKind = null;
            } else if (pendingKind == null) {
                pendingKind = object.toLowerCase(Locale.ROOT);
                for (String kind : pendingKind.split(",")) {
                    if (!KINDS.containsKey(kind) && !KINDS_WITHOUT_NAMES_IN_MANIFESTS.contains(kind)) {
                        problems.add("kubectl knows no kind " + kind + " here");
                    }
                }
            } else {
                problems.addAll(checkObject(pendingKind, object, scope));
            }
        }
        return problems;
    }

    private static List<String> checkObject(String kind, String name, Scope scope) {
        if (KINDS_WITHOUT_NAMES_IN_MANIFESTS.contains(kind) || name.contains("<") || name.contains("$")) {
            return List.of();
        }
        String resourceKind = KINDS.get(kind);
        if (resourceKind == null) {
            return List.of("kubectl knows no kind " + kind + " here");
        }
        if (!scope.resources().contains(resourceKind + "/" + name)) {
            return List.of("no " + resourceKind + " " + name + " in " + scope.name());
        }
        return List.of();
    }

    /** The manifests a page's commands act on: its step's k8s/ folder, the generated one, or all of them. */
    record Scope(String name, Set<String> resources, Set<String> labels) {

        private static final Map<String, Scope> CACHE = new HashMap<>();

        static Scope of(String page) {
            return CACHE.computeIfAbsent(page, Scope::load);
        }

        private static Scope load(String page) {
            List<Path> manifests = new ArrayList<>();
            String name;
            if (page.matches("step-0\\d-.*")) {
                Path folder = Workbook.ROOT.resolve("steps").resolve(page.substring("step-".length())).resolve("k8s");
                manifests.add(folder);
                name = Workbook.ROOT.relativize(folder).toString();
            } else if (Set.of("final-system", "jkube", "reliability").contains(page)) {
                manifests.add(GENERATED_MANIFEST);
                name = Workbook.ROOT.relativize(GENERATED_MANIFEST).toString();
            } else {
                manifests.addAll(stepManifestFolders());
                manifests.add(GENERATED_MANIFEST);
                name = "the steps' and the finished system's manifests";
            }
            Set<String> resources = new HashSet<>();
            Set<String> labels = new HashSet<>();
            for (Path manifest : manifests) {
                for (HasMetadata resource : Manifests.load(manifest).all()) {
                    resources.add(resource.getKind() + "/" + resource.getMetadata().getName());
                    addLabels(labels, resource.getMetadata().getLabels());
                    Workload.of(resource).ifPresent(workload -> addLabels(labels, workload.podLabels()));
                }
            }
            return new Scope(name, resources, labels);
        }

        private static void addLabels(Set<String> labels, Map<String, String> map) {
            if (map != null) {
                map.forEach((key, value) -> labels.add(key + "=" + value));
            }
        }

        private static List<Path> stepManifestFolders() {
            try (Stream<Path> steps = Files.list(Workbook.ROOT.resolve("steps"))) {
                return steps.map(step -> step.resolve("k8s")).filter(Files::isDirectory).sorted().toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
