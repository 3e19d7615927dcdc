import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.example.visits.testsupport.steps.Dockerfile;
import com.example.visits.testsupport.steps.ImageBuildSimulation;

/**
 * Replays the app's Dockerfile at process level, as the steps' DockerfileIT do: the stages' COPY and build-stage RUN
 * through ImageBuildSimulation, then the final stage's `RUN java ...` lines (the class data sharing training run),
 * which the simulation leaves out because its other RUN lines need the base image. Prints the working directory
 * and then the ENTRYPOINT, one word per line.
 *
 * Usage: BenchImage <Dockerfile> <build context> <root for the stages' file systems>
 */
public class BenchImage {

    public static void main(String[] args) throws Exception {
        var dockerfile = Dockerfile.read(Path.of(args[0]));
        var image = ImageBuildSimulation.build(dockerfile, Path.of(args[1]), Path.of(args[2]));
        for (var run : dockerfile.finalStage("RUN")) {
            String command = run.arguments().strip();
            if (!command.startsWith("java ")) {
                continue; // e.g. creating the user: needs the base image, changes nothing the JVM reads
            }
            Path log = Files.createTempFile("bench-image-run-", ".log");
            var builder = new ProcessBuilder("bash", "-c", command).directory(image.workingDirectory().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // As in `docker build`, no database is reachable: port 1 refuses at once (the default localhost:5432
            // could be a real server on this machine, which a training run must not touch).
            builder.environment().put("DB_HOST", "127.0.0.1");
            builder.environment().put("DB_PORT", "1");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(run + " failed:\n" + Files.readString(log));
            }
            Files.delete(log);
        }
        System.out.println(image.workingDirectory());
        image.entrypoint().forEach(System.out::println);
    }
}
