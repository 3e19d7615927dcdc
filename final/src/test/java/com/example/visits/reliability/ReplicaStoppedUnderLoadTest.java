package com.example.visits.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.app.AppProcess;
import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.load.LoadGenerator;
import com.example.visits.testsupport.load.LoadResult;
import com.example.visits.testsupport.load.LoadRun;
import com.example.visits.testsupport.load.Outcome;
import com.example.visits.testsupport.postgres.PostgresServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling update at process level: an app replica is stopped with SIGTERM under load, while a stand-in for the
 * Service sends requests to it until the replica's "endpoint removal" has reached it. In a cluster both start at the
 * same moment, when the pod is deleted; what decides is whether SIGTERM comes first. With the preStop pause
 * (visit-counter-deployment.yml) it comes after the removal and no request fails; without it, the requests that
 * still arrive meet a server that refuses new connections (graceful shutdown) or is gone.
 *
 * <p>The times are shortened to keep the test quick: the removal here takes {@link #ENDPOINT_REMOVAL}, the pause
 * {@link #PRE_STOP_PAUSE}; in the cluster the pause is 10 s against the second or two kube-proxy usually needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES) // each test; the awaits inside have their own bounds
class ReplicaStoppedUnderLoadTest {

    /** From the pod's deletion until the stand-in Service no longer picks it. */
    static final Duration ENDPOINT_REMOVAL = Duration.ofMillis(1_000);

    /** The preStop pause, longer than the removal takes. */
    static final Duration PRE_STOP_PAUSE = Duration.ofMillis(2_500);

    static final int CONCURRENCY = 8;

    static final int REQUESTS_BEFORE_STOP = 300;

    static final int REQUESTS_AFTER_STOP = 300;

    private final PostgresServer postgres = PostgresServer.shared();

    private final ExecutorService endpointController = Executors.newSingleThreadExecutor();

    private AppInstance staying;

    private AppProcess stoppedAfterThePause;

    private AppProcess stoppedAtOnce;

    @BeforeAll
    void startThreeReplicas() {
        postgres.recreateDatabase();
        // The two that get SIGTERM need JVMs of their own; both start at once, the one that stays runs in this JVM.
        stoppedAfterThePause = AppProcess.launch(VisitCounterApplication.class, "replica-b", postgres.dbEnvironment());
        stoppedAtOnce = AppProcess.launch(VisitCounterApplication.class, "replica-c", postgres.dbEnvironment());
        staying = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
        for (AppProcess replica : List.of(stoppedAfterThePause, stoppedAtOnce)) {
            replica.awaitStarted(Duration.ofSeconds(150));
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.get("/health/readiness").statusCode() == 200);
        }
    }

    @AfterAll
    void stopEverything() {
        endpointController.shutdownNow();
        for (RunningApp replica : new RunningApp[] { stoppedAfterThePause, stoppedAtOnce, staying }) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void withThePreStopPauseNoRequestFails() throws InterruptedException {
        LoadResult result = stopUnderLoad(stoppedAfterThePause, PRE_STOP_PAUSE);

        assertThat(result.where(outcome -> !outcome.isSuccess()))
                .as("failed requests (of %d) when SIGTERM comes after the endpoint removal", result.requests())
                .isEmpty();
        assertThat(servedBy(result, stoppedAfterThePause)).as("requests the stopped replica served").isPositive();
        System.out.printf("replica stopped after a %d ms pause: %d of %d requests failed%n", PRE_STOP_PAUSE.toMillis(),
                result.requests() - result.successes(), result.requests());
    }

    /** The control case: the same stop without the pause, to show that the test can see what the pause prevents. */
    @Test
    void withoutThePauseRequestsFail() throws InterruptedException {
        LoadResult result = stopUnderLoad(stoppedAtOnce, Duration.ZERO);

        assertThat(result.where(outcome -> !outcome.isSuccess()))
                .as("failed requests when SIGTERM comes before the endpoint removal")
                .isNotEmpty()
                .allSatisfy(failure -> assertThat(failure.body() + failure.header("X-Served-By").orElse(""))
                        .as("a failure comes from the stopped replica").contains("replica-c"));
        System.out.printf("replica stopped without a pause: %d of %d requests failed%n",
                result.requests() - result.successes(), result.requests());
    }

    /**
     * Load through the stand-in Service over the replica that stays and {@code stopped}; then the pod's deletion:
     * the endpoint removal starts (it takes {@link #ENDPOINT_REMOVAL}) and, after {@code pause}, SIGTERM.
     */
    private LoadResult stopUnderLoad(AppProcess stopped, Duration pause) throws InterruptedException {
        try (StandInService service = new StandInService(staying, stopped);
                LoadRun run = LoadGenerator.get(List.of(service.uri()))
                    .requests(100_000) // an upper bound only: the run is stopped below
                    .concurrency(CONCURRENCY)
                    .requestTimeout(Duration.ofSeconds(10))
                    .start()) {
            assertThat(run.awaitCompleted(REQUESTS_BEFORE_STOP, Duration.ofSeconds(60))).isTrue();

            CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> {
                sleep(ENDPOINT_REMOVAL);
                service.remove(stopped);
            }, endpointController);
            sleep(pause);
            stopped.close(); // SIGTERM; returns once the JVM has exited
            removal.join();

            assertThat(run.awaitCompleted(run.completed() + REQUESTS_AFTER_STOP, Duration.ofSeconds(60))).isTrue();
            run.stop();
            return run.awaitCompletion(Duration.ofSeconds(30));
        }
    }

    private static long servedBy(LoadResult result, RunningApp replica) {
        return result.where(Outcome::isSuccess).stream()
                .filter(outcome -> outcome.header("X-Served-By").orElse("").equals(replica.name()))
                .count();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Service in front of the replicas, as far as this test needs it: each request goes, in turn, to one of the
     * current endpoints over a new connection (as kube-proxy forwards each new connection to one pod), and a replica
     * is taken out of the list when its pod is deleted. A request whose forwarding fails (refused, reset, no answer)
     * is answered 502 naming the replica: in the cluster the client would see that connection fail.
     */
    private static final class StandInService implements AutoCloseable {

        private final HttpServer server;

        private volatile List<RunningApp> endpoints;

        private final AtomicInteger next = new AtomicInteger();

        StandInService(RunningApp... replicas) {
            this.endpoints = List.of(replicas);
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(CONCURRENCY * 2));
            server.createContext("/", this::forward);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        void remove(RunningApp replica) {
            endpoints = endpoints.stream().filter(endpoint -> endpoint != replica).toList();
        }

        private void forward(HttpExchange exchange) throws IOException {
            List<RunningApp> current = endpoints;
            RunningApp target = current.get(Math.floorMod(next.getAndIncrement(), current.size()));
            RawHttp.Response response;
            try {
                response = RawHttp.exchange(target.port(), "GET " + exchange.getRequestURI() + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
            }
            catch (UncheckedIOException e) {
                response = new RawHttp.Response(0, e.getCause().toString(), java.util.Map.of(), "");
            }
            int status = response.status() == 0 ? 502 : response.status();
            String body = response.status() == 0
                    ? "forwarding to " + target.name() + " failed: " + response.statusLine() : response.body();
            if (!response.header("X-Served-By").isEmpty()) {
                exchange.getResponseHeaders().add("X-Served-By", response.header("X-Served-By"));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
