package com.example.visits.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.example.visits.testsupport.load.LoadResult;

/**
 * The figures one reliability test measured, written as an AsciiDoc table to
 * {@code target/reliability/<name>.adoc}: the workbook's reliability chapter includes these files, so the numbers
 * it shows are the ones measured in the build that rendered it, never typed by hand.
 */
final class ReliabilityFigures {

    static final Path FOLDER = Path.of("target", "reliability");

    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    private ReliabilityFigures(String title) {
        this.title = title;
    }

    static ReliabilityFigures titled(String title) {
        return new ReliabilityFigures(title);
    }

    ReliabilityFigures add(String figure, Object value) {
        rows.add(new String[] {figure, String.valueOf(value)});
        return this;
    }

    ReliabilityFigures add(String figure, Duration value) {
        return add(figure, value.toMillis() + " ms");
    }

    /** The load's request counts, latencies and rate. */
    ReliabilityFigures load(LoadResult result) {
        double seconds = Math.max(result.elapsed().toNanos(), 1) / 1e9;
        return add("Requests sent", result.requests())
            .add("Answered 2xx (a visit counted and acknowledged)", result.successes())
            .add("Answered 503", result.withStatus(503))
            .add("No HTTP answer (connection refused or reset)", result.unanswered())
            .add("Latency, median", result.latencyPercentile(50))
            .add("Latency, 99th percentile", result.latencyPercentile(99))
            .add("Latency, slowest", result.latencyPercentile(100))
            .add("Requests per second", String.format("%.0f", result.requests() / seconds));
    }

    /** Writes {@code target/reliability/<name>.adoc}, replacing an earlier run's file. */
    void write(String name) {
        StringBuilder adoc = new StringBuilder();
        adoc.append("// Written by ").append(StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .getCallerClass().getSimpleName()).append(" on ").append(LocalDate.now()).append(": do not edit.\n");
        adoc.append('.').append(title).append('\n');
        adoc.append("[cols=\"3,1\",options=\"header\"]\n|===\n| Figure | Measured\n");
        for (String[] row : rows) {
            adoc.append("\n| ").append(escape(row[0])).append("\n| ").append(escape(row[1])).append('\n');
        }
        adoc.append("|===\n");
        try {
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve(name + ".adoc"), adoc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
