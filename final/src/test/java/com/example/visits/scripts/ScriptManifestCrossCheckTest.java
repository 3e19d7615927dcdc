package com.example.visits.scripts;

import com.example.visits.testsupport.scripts.RecordedCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object name and label selector that run.sh, stop.sh and verify.sh send to kubectl exists in the manifest
 * JKube generates, so that a renamed Deployment or a changed label breaks this test, not a learner's run.
 * The kubectl calls are the ones the scripts really make (recorded on the fake cluster), not a list kept here.
 */
class ScriptManifestCrossCheckTest {

    /** kubectl resource names as the scripts write them, and the manifest kind each stands for. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("deployment", "Deployment"), Map.entry("deployments", "Deployment"),
            Map.entry("service", "Service"), Map.entry("services", "Service"), Map.entry("svc", "Service"),
            Map.entry("configmap", "ConfigMap"), Map.entry("secret", "Secret"),
            Map.entry("networkpolicy", "NetworkPolicy"), Map.entry("persistentvolumeclaim", "PersistentVolumeClaim"),
            Map.entry("pvc", "PersistentVolumeClaim"), Map.entry("pod", "Pod"), Map.entry("pods", "Pod"),
            Map.entry("statefulset", "StatefulSet"), Map.entry("namespace", "Namespace"));
    /**
     * What the scripts ask of the cluster itself (the node's runtime, events, the volume the provisioner made for the
     * claim): not objects of the manifest.
     */
    private static final Set<String> CLUSTER_TYPES = Set.of("events", "nodes", "persistentvolume");
    /** Options whose value is the next argument in the scripts' kubectl calls. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-l", "-f", "-o", "--context", "--namespace");
    /** The namespace the scripts name in every call (scripts/lib.sh). */
    private static final String NAMESPACE = "visit-counter";

    private static List<RecordedCall> kubectlCalls;
    private static List<ManifestResource> manifest;

    @BeforeAll
    static void recordWhatTheScriptsSendToKubectl() {
        manifest = ManifestResource.load(FakeCluster.MANIFEST);
        List<RecordedCall> calls = new ArrayList<>();
        try (FakeCluster cluster = new FakeCluster().with("FAKE_NODE_REACHABLE", "0")) {
            calls.addAll(cluster.run("run.sh").callsTo("kubectl"));
            calls.addAll(cluster.run("verify.sh", "--timeout", "5s").callsTo("kubectl"));
            calls.addAll(cluster.run("stop.sh", "--purge", "--all").callsTo("kubectl"));
        }
        try (FakeCluster cluster = new FakeCluster().deployed()) {
            calls.addAll(cluster.run("verify.sh", "--timeout", "5s").callsTo("kubectl"));
        }
        try (FakeCluster cluster = new FakeCluster().with("FAKE_FAIL",
                "kubectl --context minikube --namespace visit-counter rollout status deployment/visit-counter*")) {
            calls.addAll(cluster.run("run.sh").callsTo("kubectl"));
        }
        try (FakeCluster cluster = new FakeCluster().deployed().provisionedBeforeARestart()) {
            calls.addAll(cluster.run("stop.sh", "--purge").callsTo("kubectl"));
        }
        kubectlCalls = List.copyOf(calls);
    }

    @Test
    void everyNameAndSelectorTheScriptsUseExistsInTheManifest() {
        List<String> checked = new ArrayList<>();

        assertThat(problems(manifest, kubectlCalls, checked)).isEmpty();
        assertThat(checked).as("the references that were checked")
                .contains("StatefulSet/postgres", "Deployment/visit-counter", "Service/visit-counter",
                        "PersistentVolumeClaim/postgres-data", "Namespace/visit-counter",
                        "Pod -l app.kubernetes.io/name=postgres", "Pod -l app.kubernetes.io/name=visit-counter",
                        "NetworkPolicy -l app.kubernetes.io/name=postgres", "Secret -l app.kubernetes.io/name=visit-counter",
                        "apply -l app.kubernetes.io/component in (config,database)",
                        "apply -l app.kubernetes.io/component=web");
    }

    @Test
    void theTwoAppliesTogetherCoverEveryObjectExactlyOnce() {
        List<LabelSelector> applied = kubectlCalls.stream().filter(call -> call.hasArgument("apply"))
                .map(call -> call.valueOf("-l")).distinct().map(LabelSelector::parse).toList();

        assertThat(applied).hasSize(2);
        assertThat(manifest).isNotEmpty().allSatisfy(resource ->
                assertThat(applied.stream().filter(selector -> selector.matches(resource.labels())).toList())
                        .as("apply selectors matching %s (labels %s)", resource, resource.labels())
                        .hasSize(1));
        assertThat(manifest.stream().filter(resource -> LabelSelector.parse(
                "app.kubernetes.io/component in (config,database)").matches(resource.labels())).map(Object::toString))
                .as("PostgreSQL goes first with everything it needs")
                .contains("Namespace/visit-counter", "StatefulSet/postgres", "PersistentVolumeClaim/postgres-data",
                        "Secret/db-credentials", "ConfigMap/db-config", "Service/postgres")
                .doesNotContain("Deployment/visit-counter");
    }

    @Test
    void theManifestIsTheOneJKubeGeneratedForThisBuild() {
        assertThat(FakeCluster.MANIFEST).isAbsolute()
                .endsWith(Path.of("final/target/classes/META-INF/jkube/kubernetes.yml"));
        assertThat(manifest).as("every object carries JKube's managed-by label")
                .allSatisfy(resource -> assertThat(resource.labels()).containsEntry("app.kubernetes.io/managed-by", "jkube"));
    }

    @Test
    void everyCallNamesTheNamespaceThatEveryObjectOfTheManifestLivesIn() {
        assertThat(manifest).filteredOn(resource -> !resource.kind().equals("Namespace"))
                .isNotEmpty().allSatisfy(resource -> assertThat(resource.namespace()).as(resource.toString()).isEqualTo(NAMESPACE));
        assertThat(manifest).as("the namespace itself is applied by run.sh").anyMatch(resource ->
                resource.toString().equals("Namespace/" + NAMESPACE));
        assertThat(kubectlCalls).isNotEmpty().allSatisfy(call ->
                assertThat(call.valueOf("--namespace")).as(call.argumentLine()).isEqualTo(NAMESPACE));
    }

    @Test
    void theAppImageIsTheOneRunShBuilds() {
        assertThat(manifest).filteredOn(resource -> resource.toString().equals("Deployment/visit-counter"))
                .singleElement()
                .satisfies(app -> assertThat(app.images()).singleElement().asString().startsWith("visit-counter:"));
    }

    @Test
    void aRenamedDeploymentOrAChangedLabelIsCaught() {
        List<ManifestResource> renamed = manifest.stream()
                .map(resource -> resource.toString().equals("StatefulSet/postgres") ? resource.renamed("db") : resource)
                .toList();
        List<ManifestResource> unlabelled = manifest.stream()
                .map(resource -> resource.kind().equals("NetworkPolicy") ? resource.withLabels(Map.of()) : resource)
                .toList();

        assertThat(problems(renamed, kubectlCalls, new ArrayList<>()))
                .anySatisfy(problem -> assertThat(problem).contains("StatefulSet/postgres"));
        assertThat(problems(unlabelled, kubectlCalls, new ArrayList<>()))
                .anySatisfy(problem -> assertThat(problem).contains("NetworkPolicy -l app.kubernetes.io/name=postgres"));
    }

    @Test
    void theSelectorParserReadsWhatKubectlReads() {
        Map<String, String> labels = Map.of("app.kubernetes.io/component", "database", "app", "postgres");

        assertThat(LabelSelector.parse("app.kubernetes.io/component in (config,database)").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("app.kubernetes.io/component notin (config,database)").matches(labels)).isFalse();
        assertThat(LabelSelector.parse("app=postgres,app.kubernetes.io/component==database").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("app!=postgres").matches(labels)).isFalse();
        assertThat(LabelSelector.parse("app,!tier").matches(labels)).isTrue();
        assertThat(LabelSelector.parse("tier in (web)").matches(labels)).isFalse();
    }

    /** One line per name or selector in the calls that the manifest does not have; {@code checked} lists all. */
    private static List<String> problems(List<ManifestResource> resources, List<RecordedCall> calls, List<String> checked) {
        Set<String> problems = new LinkedHashSet<>();
        for (RecordedCall call : calls) {
            List<String> positional = positionalArguments(call);
            String verb = positional.get(0);
            String selector = call.valueOf("-l");
            if (verb.equals("apply")) {
                checked.add("apply -l " + selector);
                if (resources.stream().noneMatch(resource -> LabelSelector.parse(selector).matches(resource.labels()))) {
                    problems.add("kubectl apply -l '" + selector + "' matches nothing in the manifest");
                }
                continue;
            }
            List<String> targets = positional.subList(verb.equals("rollout") ? 2 : 1, positional.size());
            if (verb.equals("logs")) {
                targets = List.of("pods");
            }
            if (targets.isEmpty() || CLUSTER_TYPES.contains(targets.get(0).split("/", 2)[0])) {
                continue;
            }
            if (targets.get(0).contains("/")) {
                String[] typeAndName = targets.get(0).split("/", 2);
                String kind = kind(typeAndName[0], problems);
                if (!kind.equals("Pod")) { // pod names are made at run time; their labels are checked via -l
                    checkName(resources, kind, typeAndName[1], checked, problems);
                }
                continue;
            }
            for (String type : targets.get(0).split(",")) {
                String kind = kind(type, problems);
                if (selector != null) {
                    checked.add(kind + " -l " + selector);
                    LabelSelector parsed = LabelSelector.parse(selector);
                    boolean found = resources.stream().anyMatch(resource -> kind.equals("Pod")
                            ? parsed.matches(resource.podLabels()) && !resource.podLabels().isEmpty()
                            : resource.kind().equals(kind) && parsed.matches(resource.labels()));
                    if (!found) {
                        problems.add("kubectl " + call.argumentLine() + ": no " + kind + " -l " + selector
                                + " in the manifest");
                    }
                } else if (targets.size() > 1) {
                    checkName(resources, kind, targets.get(1), checked, problems);
                }
            }
        }
        return List.copyOf(problems);
    }

    private static void checkName(List<ManifestResource> resources, String kind, String name, List<String> checked,
                                  Set<String> problems) {
        checked.add(kind + "/" + name);
        if (resources.stream().noneMatch(resource -> resource.kind().equals(kind) && resource.name().equals(name))) {
            problems.add("the scripts name " + kind + "/" + name + ", the manifest has: "
                    + resources.stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
    }

    private static String kind(String kubectlType, Set<String> problems) {
        String kind = KINDS.get(kubectlType);
        if (kind == null) {
            problems.add("the cross-check does not know the kubectl resource type '" + kubectlType + "'");
            return kubectlType;
        }
        return kind;
    }

    /** The arguments that are neither options nor option values, after {@code --context <profile>}. */
    private static List<String> positionalArguments(RecordedCall call) {
        List<String> positional = new ArrayList<>();
        List<String> arguments = call.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (OPTIONS_WITH_VALUE.contains(argument)) {
                i++;
            } else if (!argument.startsWith("-")) {
                positional.add(argument);
            }
        }
        return positional;
    }
}
