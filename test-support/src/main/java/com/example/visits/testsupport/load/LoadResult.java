package com.example.visits.testsupport.load;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Every outcome of a load run, and the figures a test prints and asserts on. */
public record LoadResult(List<Outcome> outcomes) {

    public LoadResult {
        outcomes = List.copyOf(outcomes);
    }

    public int requests() {
        return outcomes.size();
    }

    public List<Outcome> where(Predicate<Outcome> condition) {
        return outcomes.stream().filter(condition).toList();
    }

    public int count(Predicate<Outcome> condition) {
        return (int) outcomes.stream().filter(condition).count();
    }

    /** Answers with a 2xx status. */
    public int successes() {
        return count(Outcome::isSuccess);
    }

    public int withStatus(int status) {
        return count(outcome -> outcome.status() == status);
    }

    /** Requests that got no HTTP answer at all (refused, reset, timed out). */
    public int unanswered() {
        return count(outcome -> !outcome.isAnswered());
    }

    /** The latency below which {@code percent} % of the requests completed (any outcome). */
    public Duration latencyPercentile(double percent) {
        if (outcomes.isEmpty()) {
            return Duration.ZERO;
        }
        long[] nanos = outcomes.stream().mapToLong(outcome -> outcome.endNanos() - outcome.startNanos()).sorted()
            .toArray();
        int rank = (int) Math.ceil(percent / 100 * nanos.length) - 1;
        return Duration.ofNanos(nanos[Math.max(0, Math.min(rank, nanos.length - 1))]);
    }

    /** From the first request sent to the last answer received. */
    public Duration elapsed() {
        if (outcomes.isEmpty()) {
            return Duration.ZERO;
        }
        long first = outcomes.stream().mapToLong(Outcome::startNanos).min().orElseThrow();
        long last = outcomes.stream().mapToLong(Outcome::endNanos).max().orElseThrow();
        return Duration.ofNanos(last - first);
    }

    /** requests, 2xx, 503, other answers, no answer, latency p50/p99/max and throughput, on one line. */
    public String figures() {
        int answered = requests() - unanswered();
        int other = answered - successes() - withStatus(503);
        double seconds = Math.max(elapsed().toNanos(), 1) / 1e9;
        return String.format("requests=%d 2xx=%d 503=%d other=%d no-answer=%d p50=%dms p99=%dms max=%dms "
                + "elapsed=%dms rate=%.0f/s", requests(), successes(), withStatus(503), other, unanswered(),
                latencyPercentile(50).toMillis(), latencyPercentile(99).toMillis(),
                latencyPercentile(100).toMillis(), elapsed().toMillis(), requests() / seconds);
    }
}
