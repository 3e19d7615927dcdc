package com.example.visits.testsupport.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The readiness probes of the finished system, as its JKube fragments in {@code final/src/main/jkube} write them:
 * the labs' probes take the same timings (a 1 s default timeout flaps on a busy laptop).
 */
public final class FinishedSystemProbes {

    /** How often, how long to wait for an answer, how many misses in a row. */
    public record Timing(Integer periodSeconds, Integer timeoutSeconds, Integer failureThreshold) {

        static Timing of(JsonNode probe) {
            return new Timing(number(probe, "periodSeconds"), number(probe, "timeoutSeconds"),
                    number(probe, "failureThreshold"));
        }

        public static Timing of(io.fabric8.kubernetes.api.model.Probe probe) {
            return new Timing(probe.getPeriodSeconds(), probe.getTimeoutSeconds(), probe.getFailureThreshold());
        }

        private static Integer number(JsonNode probe, String field) {
            JsonNode value = probe.get(field);
            return value == null || value.isNull() ? null : value.asInt();
        }
    }

    public static final Path FRAGMENTS = StepFiles.MODULE.resolve("../../final/src/main/jkube").normalize();

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private FinishedSystemProbes() {
    }

    /** The readiness probe timing of each container of the finished system, by container name. */
    public static Map<String, Timing> readiness() {
        Map<String, Timing> timings = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(FRAGMENTS)) {
            for (Path fragment : files.filter(file -> file.toString().endsWith(".yml")).sorted().toList()) {
                JsonNode containers = YAML.readTree(Files.readString(fragment))
                        .at("/spec/template/spec/containers");
                for (JsonNode container : containers) {
                    Optional.ofNullable(container.get("readinessProbe")).ifPresent(probe -> timings
                            .put(container.get("name").asString(), Timing.of(probe)));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the finished system's fragments in " + FRAGMENTS, e);
        }
        return timings;
    }
}
