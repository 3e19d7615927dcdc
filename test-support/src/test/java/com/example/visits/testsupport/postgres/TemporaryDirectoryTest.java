package com.example.visits.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The embedded server's temporary directory does not outlive the JVM, also when a test fails without closing it. */
class TemporaryDirectoryTest {

    @Test
    void isRemovedWhenItsServerIsClosed() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.launch();
        Path directory = server.workDirectory();
        assertThat(directory.resolve("data/PG_VERSION")).isRegularFile();

        server.close();

        assertThat(directory).doesNotExist();
    }

    @Test
    void isRemovedWhenATestFailsWithoutClosingItsServer() throws Exception {
        Path output = Files.createTempFile("failing-test-jvm", ".txt");
        try {
            Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FailingTestWithoutClose.class.getName())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).as("the JVM ends").isTrue();
            List<String> lines = Files.readAllLines(output);

            assertThat(jvm.exitValue()).as("the failing test's JVM exits with an error: %s", lines).isNotZero();
            Path directory = lines.stream().filter(line -> line.startsWith(FailingTestWithoutClose.PREFIX))
                    .map(line -> Path.of(line.substring(FailingTestWithoutClose.PREFIX.length()))).findFirst()
                    .orElseThrow(() -> new AssertionError("no directory reported: " + lines));
            assertThat(directory).as("left behind by the failing test").doesNotExist();
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    /** A test that kills its server and fails before it closes it. */
    static final class FailingTestWithoutClose {

        static final String PREFIX = "work directory: ";

        public static void main(String[] args) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.launch();
            System.out.println(PREFIX + server.workDirectory());
            server.kill();
            throw new AssertionError("failed before closing the server");
        }
    }
}
