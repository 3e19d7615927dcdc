package com.example.visits.testsupport.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTest {

    private HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/ok", exchange -> {
            byte[] body = ("{\"n\":" + received.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Served-By", "test");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsExactlyTheRequestsAskedForAndRecordsEachOutcome() throws InterruptedException {
        try (LoadRun run = LoadGenerator.get(List.of(uri("/ok"), uri("/busy"))).requests(200).concurrency(8).start()) {
            LoadResult result = run.awaitCompletion(Duration.ofSeconds(30));

            assertThat(result.requests()).isEqualTo(200);
            assertThat(received).hasValue(200);
            assertThat(result.successes()).isEqualTo(100);
            assertThat(result.withStatus(503)).isEqualTo(100);
            assertThat(result.unanswered()).isZero();
            assertThat(result.where(Outcome::isSuccess)).allSatisfy(outcome -> {
                assertThat(outcome.body()).startsWith("{\"n\":");
                assertThat(outcome.header("X-Served-By")).hasValue("test");
                assertThat(outcome.endNanos()).isGreaterThanOrEqualTo(outcome.startNanos());
            });
            assertThat(result.outcomes()).extracting(Outcome::index).doesNotHaveDuplicates();
            assertThat(result.figures()).contains("requests=200 2xx=100 503=100 other=0 no-answer=0");
        }
    }

    @Test
    void recordsNoAnswerWhenNothingListensAndFollowsNewTargets() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/");
        try (LoadRun run = LoadGenerator.get(List.of(closed)).requests(1_000).concurrency(2).start()) {
            assertThat(run.awaitCompleted(10, Duration.ofSeconds(10))).isTrue();
            run.retarget(List.of(uri("/ok")));
            assertThat(run.awaitCompleted(run.completed() + 10, Duration.ofSeconds(10))).isTrue();
            run.stop();
            LoadResult result = run.awaitCompletion(Duration.ofSeconds(10));

            assertThat(result.requests()).isLessThan(1_000);
            assertThat(result.unanswered()).isGreaterThanOrEqualTo(10);
            assertThat(result.where(o -> !o.isAnswered())).allSatisfy(o -> assertThat(o.error()).isNotBlank());
            assertThat(result.successes()).isGreaterThanOrEqualTo(10);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
