package com.example.websupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "visits.instance-name=replica-a")
class WebSupportTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void namesTheReplicaOnEveryResponse() throws Exception {
        assertThat(get("/ok").headers().firstValue("X-Served-By")).hasValue("replica-a");
        assertThat(get("/no-such-page").headers().firstValue("X-Served-By")).hasValue("replica-a");
    }

    @Test
    void unknownPathIsJson404() throws Exception {
        HttpResponse<String> response = get("/no-such-page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404").doesNotContain("Exception");
    }

    @Test
    void wrongMethodIs405() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/ok")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(response.body()).contains("\"status\":405");
    }

    @Test
    void unreachableDatabaseIsJson503WithoutStackTrace() throws Exception {
        HttpResponse<String> response = get("/database-down");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Database unavailable\"")
            .doesNotContain("Exception", "at com.");
    }

    @Test
    void connectionLostDuringRollbackIsStill503() throws Exception {
        assertThat(get("/connection-lost-in-rollback").statusCode()).isEqualTo(503);
    }

    @Test
    void otherDatabaseErrorsAreBugsAnd500WithoutStackTrace() throws Exception {
        HttpResponse<String> response = get("/constraint-violated");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("at com.", "DataIntegrityViolation");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @SpringBootApplication
    @RestController
    static class SampleApp {

        @GetMapping("/ok")
        String ok() {
            return "ok";
        }

        @GetMapping("/database-down")
        String databaseDown() {
            throw new DataAccessResourceFailureException("Connection refused");
        }

        @GetMapping("/connection-lost-in-rollback")
        String connectionLostInRollback() {
            throw new TransactionSystemException("Unable to rollback against JDBC Connection",
                    new SQLException("Connection is closed"));
        }

        @GetMapping("/constraint-violated")
        String constraintViolated() {
            throw new DataIntegrityViolationException("duplicate key value violates unique constraint");
        }
    }
}
