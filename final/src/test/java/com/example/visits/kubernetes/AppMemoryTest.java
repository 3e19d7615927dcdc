package com.example.visits.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

/**
 * The app's heap and memory limit: the heap is set explicitly, and the limit leaves room beyond it for what a JVM
 * needs outside the heap (classes, JIT code, thread stacks, the class data sharing archive). The figures come from
 * the benchmark (bench/README.md: peak resident memory under load); here only their relation is checked.
 */
class AppMemoryTest {

    private static final long MIB = 1024 * 1024;

    /** The highest peak resident memory of one app JVM under load in the benchmark (bench/README.md). */
    private static final long MEASURED_PEAK_RSS_MIB = 294;

    private final Container app = GeneratedManifest.load().onlyContainer("visit-counter");

    @Test
    void theHeapIsSetExplicitlyToAtMostHalfOfTheMemoryLimit() {
        List<String> heapOptions = javaOptions().stream().filter(option -> option.startsWith("-Xmx")).toList();
        assertThat(heapOptions).as("one -Xmx in JDK_JAVA_OPTIONS: a heap sized as a percentage of the limit by "
                + "whatever the base image sets is what let it grow to 80 %% of it").hasSize(1);
        long heap = bytes(heapOptions.get(0).substring("-Xmx".length()));
        assertThat(heap).as("-Xmx against the memory limit").isLessThanOrEqualTo(memoryLimit() / 2);
    }

    @Test
    void theMemoryLimitIsAtMost512MiAndTheRequestCoversTheMeasuredPeak() {
        assertThat(memoryLimit()).isLessThanOrEqualTo(512 * MIB);
        long request = Quantity.getAmountInBytes(app.getResources().getRequests().get("memory")).longValueExact();
        // The scheduler reserves the request: it must cover what the JVM was measured to use under load, or the node
        // may promise that memory to another pod.
        assertThat(request).isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB * MIB).isLessThanOrEqualTo(memoryLimit());
    }

    private long memoryLimit() {
        return Quantity.getAmountInBytes(app.getResources().getLimits().get("memory")).longValueExact();
    }

    private List<String> javaOptions() {
        String value = EnvVars.byName(app).get("JDK_JAVA_OPTIONS").getValue();
        return Arrays.asList(value.trim().split("\\s+"));
    }

    /** A JVM size such as 128m, 1g or 262144k, in bytes. */
    private static long bytes(String size) {
        long number = Long.parseLong(size.replaceAll("[kKmMgG]$", ""));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'k' -> number * 1024;
            case 'm' -> number * MIB;
            case 'g' -> number * 1024 * MIB;
            default -> number;
        };
    }
}
