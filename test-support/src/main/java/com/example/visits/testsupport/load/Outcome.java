package com.example.visits.testsupport.load;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * What became of one request of a load run. Times are {@link System#nanoTime()} readings, so that a test can
 * compare them with the moment it did something to the system (killed a server, say).
 *
 * @param index the request's number in the run, from 0
 * @param target where it was sent
 * @param status the HTTP status, or {@link #NO_ANSWER} when no response came (refused, reset, timed out)
 * @param headers the response's headers (empty without an answer)
 * @param body the response's body, cut to {@link LoadGenerator#MAX_BODY_CHARS} (empty without an answer)
 * @param error why no answer came (the exception's type and message), or null
 * @param startNanos when the request was sent
 * @param endNanos when its answer (or failure) was complete
 */
public record Outcome(int index, URI target, int status, HttpHeaders headers, String body, String error,
        long startNanos, long endNanos) {

    /** The status recorded when the request got no HTTP answer at all. */
    public static final int NO_ANSWER = 0;

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isAnswered() {
        return status != NO_ANSWER;
    }

    public Duration latency() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    /** Whether the request was under way at some time between {@code fromNanos} and {@code toNanos}. */
    public boolean inFlightDuring(long fromNanos, long toNanos) {
        return startNanos <= toNanos && endNanos >= fromNanos;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
