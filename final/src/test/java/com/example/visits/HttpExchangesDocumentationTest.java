package com.example.visits;

import com.example.visits.testsupport.app.AppInstance;
import com.example.visits.testsupport.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.restdocs.RestDocumentationContextProvider;
import org.springframework.restdocs.RestDocumentationExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.springframework.restdocs.operation.preprocess.Preprocessors.modifyHeaders;
import static org.springframework.restdocs.operation.preprocess.Preprocessors.modifyUris;
import static org.springframework.restdocs.operation.preprocess.Preprocessors.preprocessRequest;
import static org.springframework.restdocs.operation.preprocess.Preprocessors.preprocessResponse;
import static org.springframework.restdocs.operation.preprocess.Preprocessors.prettyPrint;
import static org.springframework.restdocs.webtestclient.WebTestClientRestDocumentation.document;
import static org.springframework.restdocs.webtestclient.WebTestClientRestDocumentation.documentationConfiguration;

/**
 * The HTTP exchanges the workbook shows, recorded from the running app by Spring REST Docs: each test sends a real
 * request over HTTP to the app on its port (Tomcat's own answers, error pages included) against a real PostgreSQL,
 * checks the answer, and writes it as AsciiDoc snippets under {@code target/generated-snippets/<name>/}
 * ({@code http-request.adoc}, {@code http-response.adoc}, {@code curl-request.adoc}, ...), which docs/ includes.
 *
 * <p>The app runs on a random port; the snippets show it as {@code localhost:8080}, where {@code kubectl port-forward}
 * puts it. Headers that change on every run (Date) or only describe the connection are left out.
 */
@ExtendWith(RestDocumentationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpExchangesDocumentationTest {

    private static PostgresServer postgres;
    private static AppInstance app;

    private WebTestClient client;

    @BeforeAll
    static void startDatabaseAndApp() {
        postgres = PostgresServer.launch();
        app = AppInstance.start(VisitCounterApplication.class, "replica-a", postgres.dbEnvironment());
    }

    @AfterAll
    static void stopAppAndDatabase() {
        app.close();
        postgres.close();
    }

    @BeforeEach
    void documentingClient(RestDocumentationContextProvider restDocumentation) {
        client = WebTestClient.bindToServer(new JdkClientHttpConnector())
                .baseUrl(app.uri("/").toString())
                .filter(documentationConfiguration(restDocumentation)
                        .operationPreprocessors()
                        .withRequestDefaults(modifyUris().scheme("http").host("localhost").port(8080))
                        .withResponseDefaults(
                                modifyHeaders().remove(HttpHeaders.DATE).remove(HttpHeaders.CONNECTION)
                                        .remove("Keep-Alive").remove(HttpHeaders.TRANSFER_ENCODING),
                                prettyPrint()))
                .build();
    }

    @Test
    @Order(1)
    void visit() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("X-Served-By", "replica-a")
                .expectBody().jsonPath("$.visits").isNumber()
                .consumeWith(document("visit"));
    }

    @Test
    @Order(2)
    void health() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .consumeWith(document("health"));
    }

    @Test
    @Order(3)
    void readiness() {
        client.get().uri("/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .consumeWith(document("health-readiness"));
    }

    @Test
    @Order(4)
    void liveness() {
        client.get().uri("/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .consumeWith(document("health-liveness"));
    }

    @Test
    @Order(5)
    void unknownPath() {
        client.get().uri("/visits/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().consumeWith(document("not-found"));
    }

    @Test
    @Order(6)
    void postToTheCounter() {
        client.post().uri("/").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET")
                .expectBody().consumeWith(document("method-not-allowed"));
    }

    /** Last: stops PostgreSQL, as when its pod is deleted, and records what the app answers meanwhile. */
    @Test
    @Order(7)
    void whileTheDatabaseIsAway() {
        postgres.stop();
        try {
            client.get().uri("/").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(503)
                    .consumeWith(document("database-away"));
            client.get().uri("/health/readiness").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN")
                    .consumeWith(document("database-away-readiness"));
            client.get().uri("/health/liveness").exchange()
                    .expectStatus().isOk()
                    .expectBody().consumeWith(document("database-away-liveness"));
        } finally {
            postgres.start();
        }
    }
}
