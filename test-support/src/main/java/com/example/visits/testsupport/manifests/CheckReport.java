package com.example.visits.testsupport.manifests;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** The outcome of {@link ManifestChecker#check}: which rules passed, and every violation of the others. */
public final class CheckReport {

    private final Map<ManifestRule, List<Violation>> results;

    CheckReport(Map<ManifestRule, List<Violation>> results) {
        this.results = results;
    }

    /** Every violation of every rule, in rule order. */
    public List<Violation> violations() {
        return results.values().stream().flatMap(List::stream).toList();
    }

    /** The violations of one rule, by {@link ManifestRule#name()}. */
    public List<Violation> violationsOf(String ruleName) {
        return results.entrySet().stream().filter(e -> e.getKey().name().equals(ruleName))
                .findFirst().map(Map.Entry::getValue)
                .orElseThrow(() -> new IllegalArgumentException("rule " + ruleName + " was not run"));
    }

    /** The rules the manifests follow, e.g. for a test's output. */
    public List<ManifestRule> passedRules() {
        return results.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** The rules with at least one violation. */
    public List<ManifestRule> failedRules() {
        return results.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** True when every rule passed. */
    public boolean passed() {
        return failedRules().isEmpty();
    }

    /** One line per rule ({@code PASS}/{@code FAIL}), each violation indented below its rule. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        results.forEach((rule, violations) -> {
            text.append(violations.isEmpty() ? "PASS " : "FAIL ").append(rule.name()).append(": ")
                    .append(rule.description()).append('\n');
            violations.forEach(v -> text.append("       - ").append(v).append('\n'));
        });
        return text.toString();
    }

    /** @throws AssertionError listing every violation (and the rules that passed) when any rule failed */
    public void assertNoViolations() {
        if (!passed()) {
            throw new AssertionError(violations().size() + " manifest rule violation"
                    + (violations().size() == 1 ? "" : "s") + ":\n" + summary());
        }
    }

    /**
     * One JUnit test per rule, named by what the rule demands, for a {@code @TestFactory}: the test report then
     * shows which rules the manifests pass.
     */
    public Stream<DynamicTest> asDynamicTests() {
        return results.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey().name() + ": " + e.getKey().description(), () -> {
                    if (!e.getValue().isEmpty()) {
                        throw new AssertionError(e.getKey().name() + " is violated:\n  - "
                                + String.join("\n  - ", e.getValue().stream().map(Violation::toString).toList()));
                    }
                }));
    }
}
