package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.ProbeTarget;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every HTTP probe path is served by the app: the rule asks the running app (a {@link ProbeTarget}) rather than
 * a list of known paths, so a typo such as {@code /health/readyness} or a missing health group shows up here
 * instead of as a pod that never gets ready. A probe must also use a port its container declares.
 */
public final class HttpProbesAreServed implements ManifestRule {

    private final ProbeTarget runningApp;

    /** @param runningApp the started app every HTTP probe of the manifests will hit */
    public HttpProbesAreServed(ProbeTarget runningApp) {
        this.runningApp = runningApp;
    }

    @Override
    public String name() {
        return "http-probes-are-served";
    }

    @Override
    public String description() {
        return "every HTTP probe (liveness/readiness/startup) uses a declared container port and a path the running"
                + " app answers with 2xx (or 503 while not ready)";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        Map<String, Object> answers = new HashMap<>(); // path -> status or failure text; each path asked once
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.allContainers()) {
                String where = Where.container(manifests, workload, container);
                for (Map.Entry<String, Probe> probe : Probes.of(container).entrySet()) {
                    HTTPGetAction httpGet = probe.getValue().getHttpGet();
                    if (httpGet == null) {
                        continue;
                    }
                    checkPort(violations, where, probe.getKey(), httpGet.getPort(), container);
                    String path = httpGet.getPath() == null || httpGet.getPath().isEmpty() ? "/" : httpGet.getPath();
                    Object answer = answers.computeIfAbsent(path, this::ask);
                    if (answer instanceof Integer status && !isServed(status)) {
                        violations.add(new Violation(where, probe.getKey() + " GET " + path + ": the running app"
                                + " answered " + status + "; a probe needs 2xx (or 503 while not ready):"
                                + " is the path spelled as the app serves it?"));
                    } else if (answer instanceof String failure) {
                        violations.add(new Violation(where, probe.getKey() + " GET " + path
                                + ": could not ask the running app (" + failure + "): is it started, and is"
                                + " the base URL right?"));
                    }
                }
            }
        }
        return violations;
    }

    private Object ask(String path) {
        try {
            return runningApp.statusOf(path);
        } catch (RuntimeException unreachable) {
            return unreachable.getMessage();
        }
    }

    private static boolean isServed(int status) {
        return (status >= 200 && status < 300) || status == 503;
    }

    private static void checkPort(List<Violation> violations, String where, String probe, IntOrString port,
            Container container) {
        if (port == null) {
            violations.add(new Violation(where, probe + " has no httpGet.port"));
        } else if (container.getPorts().stream().noneMatch(p -> Where.isPort(port, p))) {
            violations.add(new Violation(where, probe + " port " + Where.port(port)
                    + " is not a port of this container (its ports: " + Where.ports(container) + ")"
                    + Where.portNameSuggestion(port, List.of(container))));
        }
    }
}
