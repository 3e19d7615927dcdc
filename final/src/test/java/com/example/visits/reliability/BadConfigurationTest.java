package com.example.visits.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.example.visits.VisitCounterApplication;
import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ConfigMap or Secret that is wrong, or a variable that is missing: the app still starts (liveness UP, so
 * Kubernetes does not restart it in a loop), stays out of the Service (readiness DOWN), answers 503 JSON, and logs
 * one line that says where it tried to connect and as whom, and what to check. Never, anywhere, the password.
 *
 * <p>A missing variable falls back to the local-run default of application.properties (localhost, 5432, visits,
 * postgres, postgres), as issue 2 asks for {@code ./mvnw spring-boot:run}. In a pod there is no PostgreSQL on
 * localhost, so a missing {@code DB_HOST} shows up as a connection refused at {@code localhost}: the log line names
 * the address it used, which gives the mistake away. A missing {@code DB_PASSWORD} is tried as "postgres" and
 * refused wherever the Secret holds another password (here: a role of its own). The wrong host is a name under
 * {@code .invalid}, which RFC 6761 reserves never to resolve.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bound on each test; the awaits inside have their own
class BadConfigurationTest {

    /** A password no other line of the test output could contain by chance. */
    private static final String SECRET = "Sup3r-Secret-Pa55word-4711";

    /** A role of its own for the missing-password case: the server's postgres password is also the default. */
    private static final String LEARNER = "learner";

    private static final PostgresServer postgres = PostgresServer.shared();

    /** A port where something else listens (say DB_PORT set to the app's 8080): it hangs up on PostgreSQL's hello. */
    private static final HangUpServer NOT_POSTGRES = HangUpServer.start();

    record BadConfiguration(String name, Map<String, String> environment, String expectedLogLine) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadConfiguration> badConfigurations() {
        int closedPort = closedPort();
        return Stream.of(
                new BadConfiguration("wrong password", with(Map.of("DB_PASSWORD", SECRET)),
                        "Cannot use the database at " + postgres.jdbcUrl() + " as user 'postgres': "
                                + "FATAL: password authentication failed for user \"postgres\""),
                new BadConfiguration("wrong host", with(Map.of("DB_HOST", "no-such-host.invalid", "DB_PASSWORD", SECRET)),
                        "Cannot use the database at jdbc:postgresql://no-such-host.invalid:" + postgres.port()
                                + "/visits as user 'postgres': UnknownHostException: no-such-host.invalid"),
                new BadConfiguration("wrong port",
                        with(Map.of("DB_PORT", Integer.toString(closedPort), "DB_PASSWORD", SECRET)),
                        "Cannot use the database at jdbc:postgresql://" + postgres.host() + ":" + closedPort
                                + "/visits as user 'postgres': ConnectException: Connection refused"),
                new BadConfiguration("port of something else",
                        with(Map.of("DB_PORT", Integer.toString(NOT_POSTGRES.port()), "DB_PASSWORD", SECRET)),
                        "Cannot use the database at jdbc:postgresql://" + postgres.host() + ":" + NOT_POSTGRES.port()
                                + "/visits as user 'postgres': EOFException"),
                new BadConfiguration("missing DB_HOST",
                        without("DB_HOST", Map.of("DB_PORT", Integer.toString(closedPort), "DB_PASSWORD", SECRET)),
                        "Cannot use the database at jdbc:postgresql://localhost:" + closedPort
                                + "/visits as user 'postgres': ConnectException: Connection refused"),
                new BadConfiguration("missing DB_PASSWORD", without("DB_PASSWORD", Map.of("DB_USER", LEARNER)),
                        "Cannot use the database at " + postgres.jdbcUrl() + " as user '" + LEARNER + "': "
                                + "FATAL: password authentication failed for user \"" + LEARNER + "\""));
    }

    @AfterAll
    static void stopHangUpServer() throws IOException {
        NOT_POSTGRES.socket().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void startsNotReadyWithOneClearLogLineAndNeverThePassword(BadConfiguration bad, CapturedOutput output) {
        createLearnerRole();
        List<String> responses = new ArrayList<>();
        try (var app = AppInstance.start(VisitCounterApplication.class, "replica-a", bad.environment())) {
            expect(app, "/", 503, responses::add, "application/problem+json");
            expect(app, "/health/readiness", 503, responses::add, null);
            expect(app, "/health/liveness", 200, responses::add, null);
            // Nothing beyond health is exposed: no /env or /configprops to read the Secret from.
            for (String path : List.of("/env", "/configprops", "/actuator/env", "/actuator")) {
                expect(app, path, 404, responses::add, "application/problem+json");
            }
        }

        String log = output.getAll();
        String logLine = log.lines().filter(line -> line.contains(bad.expectedLogLine())).findFirst().orElse("");
        System.out.printf("[reliability] bad configuration '%s': readiness=503 liveness=200 GET /=503, log: %s%n",
                bad, logLine.replaceFirst("^.*SchemaMigration\\s*: ", ""));
        assertThat(log).contains(bad.expectedLogLine())
            .contains("Check DB_HOST, DB_PORT, DB_NAME (ConfigMap) and DB_USER, DB_PASSWORD (Secret)");
        assertThat(log).as("all output").doesNotContain(SECRET);
        assertThat(responses).as("every response").noneMatch(body -> body.contains(SECRET))
            .noneMatch(body -> body.contains("Exception") || body.contains("\tat "));
    }

    private static void expect(AppInstance app, String path, int status, Consumer<String> responses,
            String contentType) {
        HttpResponse<String> response = app.get(path);
        responses.accept(response.headers().map() + " " + response.body());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(status);
        if (contentType != null) {
            assertThat(response.headers().firstValue("Content-Type")).as("GET " + path).hasValue(contentType);
        }
    }

    private static Map<String, String> with(Map<String, String> changes) {
        Map<String, String> environment = new LinkedHashMap<>(postgres.dbEnvironment());
        environment.putAll(changes);
        return environment;
    }

    private static Map<String, String> without(String variable, Map<String, String> changes) {
        Map<String, String> environment = with(changes);
        environment.remove(variable);
        return environment;
    }

    /** Accepts connections and closes them at once, as a server that does not speak PostgreSQL's protocol may. */
    record HangUpServer(ServerSocket socket) {

        static HangUpServer start() {
            try {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread acceptor = new Thread(() -> {
                    while (!socket.isClosed()) {
                        try {
                            socket.accept().close();
                        }
                        catch (IOException e) {
                            // closed: done
                        }
                    }
                }, "hang-up-server");
                acceptor.setDaemon(true);
                acceptor.start();
                return new HangUpServer(socket);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }
    }

    /** A role whose password is not the default one, so a missing DB_PASSWORD cannot log in by luck. */
    private static void createLearnerRole() {
        try (var connection = postgres.connect(); var statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + LEARNER
                    + "') THEN CREATE ROLE " + LEARNER + " LOGIN PASSWORD 'not-the-default'; END IF; END $$");
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create role " + LEARNER, e);
        }
    }

    /** A local port nothing listens on (taken from the system, then let go). */
    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
