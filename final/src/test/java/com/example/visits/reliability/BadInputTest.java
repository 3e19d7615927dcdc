package com.example.visits.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.app.RunningApp;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends that is not {@code GET /} (or health), the answer is a 4xx with a small JSON body or
 * none, never an HTML page or a stack trace, and no visit is counted: the count is read from PostgreSQL before and
 * after every request. Requests go over a raw socket, byte for byte, since a well-behaved client would refuse to
 * send most of them.
 *
 * <p>Decisions: {@code HEAD /} answers 200 with GET's headers and no body, and counts nothing ({@code curl -I} must
 * not be a visit). {@code OPTIONS /} answers 200 with {@code Allow} and no body (RFC 9110). A {@code GET /} with an
 * unexpected query string, body or header is still a visit, counted exactly once: the app reads none of them, so
 * none can change the count. An HTTP version the server does not speak is 505 (RFC 9110 15.6.6), not a 4xx.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bound on each test; the awaits inside have their own
class BadInputTest {

    private static final int MAX_ERROR_BODY = 512;
    private static final String HUGE = "x".repeat(64 * 1024);

    private static final PostgresServer postgres = PostgresServer.shared();
    private static final Map<String, Integer> tally = new TreeMap<>();
    private static AppInstance app;

    @BeforeAll
    static void startApp() {
        postgres.recreateDatabase();
        app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
        app.visit();
    }

    @AfterAll
    static void stopApp() {
        app.close();
        System.out.printf("[reliability] bad input: %s; every one left the count untouched%n", tally);
        ReliabilityFigures figures = ReliabilityFigures.titled("Malformed and unexpected requests, by answer "
                + "(the count checked after each)");
        tally.forEach(figures::add);
        figures.write("bad-input");
    }

    @Test
    void unknownPathsAre404Json() {
        for (String path : List.of("/nope", "/favicon.ico", "/visits", "/index.html", "/health/nope", "/api/visits",
                "/;jsessionid=1", "/.", "//", "/actuator", "/env", "/error")) {
            RawHttp.Response response = notAVisit(request("GET", path));
            assertThat(response.status()).as("GET " + path).isEqualTo(404);
            assertJson(response, "GET " + path);
            count("404 unknown path");
        }
    }

    @Test
    void otherMethodsOnTheCounterAre405Json() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "get", "FOO")) {
            String request = method + " / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 13\r\n\r\n{\"visits\":99}";
            RawHttp.Response response = notAVisit(request);
            assertThat(response.status()).as(method).isEqualTo(405);
            assertJson(response, method);
            count("405 method");
        }
    }

    @Test
    void headShowsTheHeadersWithoutCounting() {
        RawHttp.Response response = notAVisit(request("HEAD", "/"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("X-Served-By")).isEqualTo("replica-a");
        count("200 HEAD, empty");
    }

    @Test
    void optionsListsTheMethodsWithoutCounting() {
        RawHttp.Response response = notAVisit(request("OPTIONS", "/"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Allow")).contains("GET").doesNotContain("POST");
        count("200 OPTIONS, empty");
    }

    @Test
    void malformedRequestsAre400() {
        List<String> malformed = List.of(
                "GARBAGE\r\n\r\n",
                "GET\r\n\r\n",
                "GET / HTTP/1.1 extra\r\nHost: a\r\n\r\n",
                "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /\u0001 HTTP/1.1\r\nHost: a\r\n\r\n",
                request("GET", "/%zz"),
                request("GET", "/%00"),
                request("GET", "/../../etc/passwd"),
                request("GET", "/..;/"),
                request("GET", "/%2e%2e/"),
                request("GET", "/?a=<script>"),
                request("GET", "/?a|b"),
                request("GET", "http://elsewhere.example/"),
                "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", // no Host
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        for (String request : malformed) {
            RawHttp.Response response = notAVisit(request);
            assertThat(response.status()).as(printable(request)).isEqualTo(400);
            assertJson(response, printable(request));
            count("400 malformed");
        }

        RawHttp.Response unknownVersion = notAVisit("GET / HTTP/9.9\r\nHost: a\r\n\r\n");
        assertThat(unknownVersion.status()).isEqualTo(505);
        assertJson(unknownVersion, "HTTP/9.9");
        count("505 HTTP/9.9");
    }

    @Test
    void oversizedRequestsAre400() {
        List<String> oversized = List.of(
                "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + HUGE + "\r\nConnection: close\r\n\r\n",
                request("GET", "/?q=" + HUGE),
                request("GET", "/" + HUGE),
                "GET / HTTP/1.1\r\nHost: a\r\n" + "X-Many: 1\r\n".repeat(150) + "Connection: close\r\n\r\n");
        for (String request : oversized) {
            RawHttp.Response response = notAVisit(request);
            assertThat(response.status()).as(printable(request)).isIn(400, 431);
            assertJson(response, printable(request));
            count("400 oversized");
        }
    }

    @Test
    void unacceptableMediaTypesAre406() {
        for (String accept : List.of("text/html", "application/xml", "garbage")) {
            RawHttp.Response response = notAVisit(
                    "GET / HTTP/1.1\r\nHost: a\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as("Accept: " + accept).isEqualTo(406);
            assertJson(response, "Accept: " + accept);
            count("406 Accept");
        }
    }

    /** Odd but valid: still a visit, counted once, whatever the query, body or headers say. */
    @Test
    void oddButValidVisitsCountExactlyOnce() {
        List<String> odd = List.of(
                request("GET", "/?visits=1000000"),
                request("GET", "/?visits=-1&visits=0"),
                request("GET", "/?a=%zz"),
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
                        + "Connection: close\r\n\r\n{\"visits\":999999}",
                "GET / HTTP/1.1\r\nHost: a\r\nX-Served-By: someone-else\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
                        + "Connection: close\r\n\r\n",
                "GET / HTTP/1.0\r\n\r\n");
        for (String request : odd) {
            long before = CountInDatabase.of(postgres);
            RawHttp.Response response = RawHttp.exchange(app.port(), request);
            long after = CountInDatabase.of(postgres);
            assertThat(response.status()).as(printable(request)).isEqualTo(200);
            assertThat(RunningApp.visits(response.body())).as(printable(request)).isEqualTo(before + 1);
            assertThat(response.header("X-Served-By")).isEqualTo("replica-a");
            assertThat(after).as(printable(request)).isEqualTo(before + 1);
            count("200 odd but valid, +1 each");
        }
    }

    /**
     * Clients that send and go away: large bodies the server never reads (it answers 405 first), requests whose
     * answer nobody reads, bodies announced and never sent. None counts, none keeps the app from answering.
     */
    @Test
    void aBurstOfRequestsNobodyReadsCountsNothingAndLeavesTheAppResponsive() throws IOException {
        long before = CountInDatabase.of(postgres);
        List<Socket> sockets = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                Socket socket = open();
                sockets.add(socket);
                write(socket, "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 1048576\r\n\r\n" + HUGE);
            }
            for (int i = 0; i < 32; i++) {
                Socket socket = open();
                sockets.add(socket);
                write(socket, "PUT / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n");
            }
            for (int i = 0; i < 32; i++) {
                Socket socket = open();
                sockets.add(socket);
                write(socket, request("GET", "/nope"));
            }
            // The first 64 answered without waiting for their bodies: read just their status line.
            for (Socket socket : sockets.subList(0, 64)) {
                statuses.add(statusOf(socket));
            }
        }
        finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        long started = System.nanoTime();
        int liveness = app.get("/health/liveness").statusCode();
        Duration livenessIn = Duration.ofNanos(System.nanoTime() - started);
        long after = CountInDatabase.of(postgres);

        assertThat(statuses).hasSize(64).containsOnly(405);
        assertThat(after).isEqualTo(before);
        assertThat(liveness).isEqualTo(200);
        assertThat(livenessIn).isLessThan(Duration.ofSeconds(1));
        assertThat(app.visit()).isEqualTo(after + 1);
        tally.merge("burst of 96 unread, 405/none", 96, Integer::sum);
    }

    /** Sends the request and checks that the count in PostgreSQL did not move. */
    private static RawHttp.Response notAVisit(String request) {
        long before = CountInDatabase.of(postgres);
        RawHttp.Response response = RawHttp.exchange(app.port(), request);
        long after = CountInDatabase.of(postgres);
        assertThat(after).as("count after " + printable(request)).isEqualTo(before);
        return response;
    }

    /** A small JSON body, or none: never an HTML page, never a stack trace. */
    private static void assertJson(RawHttp.Response response, String what) {
        assertThat(response.body().length()).as(what + ": body size").isLessThanOrEqualTo(MAX_ERROR_BODY);
        if (!response.body().isEmpty()) {
            assertThat(response.header("Content-Type")).as(what + ": content type").contains("json");
            assertThat(response.body()).as(what).startsWith("{").endsWith("}")
                .contains("\"status\":" + response.status())
                .doesNotContain("Exception", "\tat ", "<html");
        }
    }

    private static String request(String method, String target) {
        return method + " " + target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    }

    private static void count(String what) {
        tally.merge(what, 1, Integer::sum);
    }

    private static String printable(String request) {
        String firstLine = request.lines().findFirst().orElse("");
        String shown = firstLine.length() > 60 ? firstLine.substring(0, 60) + "..." : firstLine;
        return shown.replaceAll("\\p{Cntrl}", "?") + (request.length() > 200 ? " (" + request.length() + " bytes)" : "");
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void write(Socket socket, String data) throws IOException {
        OutputStream output = socket.getOutputStream();
        output.write(data.getBytes(StandardCharsets.ISO_8859_1));
        output.flush();
    }

    /** The status code from the first line of the answer, reading nothing more. */
    private static int statusOf(Socket socket) throws IOException {
        InputStream input = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = input.read(); c != -1 && c != '\n'; c = input.read()) {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }
}
