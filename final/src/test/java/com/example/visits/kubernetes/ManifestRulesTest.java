package com.example.visits.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.visits.testsupport.manifests.ManifestChecker;
import com.example.visits.testsupport.manifests.ProbeTarget;
import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * The generated manifest against every rule of the shared manifest checker, with the app running as the Deployment
 * would start it (its env resolved from the generated ConfigMap and Secret) so that the probe rule asks the real app.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManifestRulesTest {

    private static final GeneratedManifest MANIFEST = GeneratedManifest.load();

    private static final Container APP = MANIFEST.onlyContainer("visit-counter");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void environmentOfTheAppContainer(DynamicPropertyRegistry registry) {
        Map<String, String> environment = ContainerEnvironment.of(APP, MANIFEST);
        // In the cluster DB_HOST/DB_PORT name the Postgres Service; here the test's PostgreSQL 16 stands in for it.
        // DB_NAME, DB_USER and DB_PASSWORD stay as the ConfigMap and the Secret say.
        PostgresServer postgres = PostgresServer.shared();
        environment.put("DB_HOST", postgres.host());
        environment.put("DB_PORT", Integer.toString(postgres.port()));
        environment.forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestFactory
    Stream<DynamicTest> followsEveryRuleOfTheManifestChecker() {
        return ManifestChecker.allRules(ProbeTarget.baseUrl("http://127.0.0.1:" + port))
                .check(MANIFEST.manifests())
                .asDynamicTests();
    }

    /** Stricter than the checker's probe rule (which also accepts 503): with its database up, the app is ready. */
    @Test
    void everyHttpProbeOfTheAppContainerAnswers200() throws Exception {
        List<Probe> probes = new ArrayList<>();
        probes.add(APP.getStartupProbe());
        probes.add(APP.getLivenessProbe());
        probes.add(APP.getReadinessProbe());
        for (Probe probe : probes) {
            String path = probe.getHttpGet().getPath();
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("GET %s answered %s", path, response.body()).isEqualTo(200);
        }
    }

    @Test
    void theProbedPortIsThePortTheAppListensOn() throws IOException {
        String probedPortName = APP.getReadinessProbe().getHttpGet().getPort().getStrVal();
        ContainerPort probedPort = APP.getPorts().stream()
                .filter(candidate -> candidate.getName().equals(probedPortName))
                .findFirst().orElseThrow();
        Properties applicationProperties = PropertiesLoaderUtils
                .loadProperties(new ClassPathResource("application.properties"));
        assertThat(applicationProperties.getProperty("server.port"))
                .isEqualTo(Integer.toString(probedPort.getContainerPort()));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
