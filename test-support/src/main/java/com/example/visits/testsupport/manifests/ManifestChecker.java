package com.example.visits.testsupport.manifests;

import com.example.visits.testsupport.manifests.rules.ConfigReferencesExist;
import com.example.visits.testsupport.manifests.rules.ContainersHaveReadinessProbes;
import com.example.visits.testsupport.manifests.rules.ContainersRunRestricted;
import com.example.visits.testsupport.manifests.rules.DatabaseEnvPointsAtPostgres;
import com.example.visits.testsupport.manifests.rules.HttpProbesAreServed;
import com.example.visits.testsupport.manifests.rules.ImagesArePinned;
import com.example.visits.testsupport.manifests.rules.NoForeignPortsOrEnv;
import com.example.visits.testsupport.manifests.rules.PostgresStorageIsSafe;
import com.example.visits.testsupport.manifests.rules.RecommendedLabels;
import com.example.visits.testsupport.manifests.rules.ResourcesAreSet;
import com.example.visits.testsupport.manifests.rules.ServiceSelectsOneWorkload;
import com.example.visits.testsupport.manifests.rules.ServiceTargetPortsExist;
import com.example.visits.testsupport.manifests.rules.VolumeReferencesExist;
import com.example.visits.testsupport.manifests.rules.WorkloadSelectorMatchesTemplate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs cross-check rules over a {@link Manifests} set and reports, per rule, whether it passed.
 *
 * <pre>{@code
 * ManifestChecker.allRules(ProbeTarget.baseUrl("http://127.0.0.1:" + port))
 *         .check(Manifests.load(Path.of("k8s")))
 *         .assertNoViolations();
 * }</pre>
 */
public final class ManifestChecker {

    private final List<ManifestRule> rules;

    private ManifestChecker(List<ManifestRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Every rule of the workbook.
     *
     * @param runningApp the started app the HTTP probes will hit, e.g. {@link ProbeTarget#baseUrl(String)}
     */
    public static ManifestChecker allRules(ProbeTarget runningApp) {
        return new ManifestChecker(List.of(
                new ServiceSelectsOneWorkload(),
                new WorkloadSelectorMatchesTemplate(),
                new ServiceTargetPortsExist(),
                new ConfigReferencesExist(),
                new VolumeReferencesExist(),
                new HttpProbesAreServed(runningApp),
                new ContainersHaveReadinessProbes(),
                new DatabaseEnvPointsAtPostgres(),
                new PostgresStorageIsSafe(),
                new ImagesArePinned(),
                new NoForeignPortsOrEnv(),
                new ResourcesAreSet(),
                new ContainersRunRestricted(),
                new RecommendedLabels()));
    }

    /** Only the given rules. */
    public static ManifestChecker of(ManifestRule... rules) {
        return new ManifestChecker(Arrays.asList(rules));
    }

    /**
     * The same checker minus some rules, by {@link ManifestRule#name()}; say why in the calling test.
     *
     * @throws IllegalArgumentException for a name no rule has (a typo would silently skip nothing)
     */
    public ManifestChecker without(String... ruleNames) {
        Set<String> skipped = Set.of(ruleNames);
        Set<String> known = Set.copyOf(rules.stream().map(ManifestRule::name).toList());
        skipped.stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("no rule named " + name + "; rules: " + known);
        });
        return new ManifestChecker(rules.stream().filter(rule -> !skipped.contains(rule.name())).toList());
    }

    /** The rules this checker runs, in order. */
    public List<ManifestRule> rules() {
        return rules;
    }

    /** Runs every rule; never stops at the first violation. */
    public CheckReport check(Manifests manifests) {
        Map<ManifestRule, List<Violation>> results = new LinkedHashMap<>();
        for (ManifestRule rule : rules) {
            results.put(rule, List.copyOf(rule.check(manifests)));
        }
        return new CheckReport(results);
    }
}
