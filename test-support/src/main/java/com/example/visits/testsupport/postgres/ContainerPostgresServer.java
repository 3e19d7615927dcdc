package com.example.visits.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The {@code postgres:16-alpine} image the cluster runs, in Docker via Testcontainers. The container is stopped,
 * killed and started again as it is (its data volume stays, like a PVC), on a fixed host port so that a running
 * app reconnects to the same address.
 */
final class ContainerPostgresServer implements PostgresServer {

    /** The image every manifest of the workbook runs; pinned, never latest. */
    static final String IMAGE = "postgres:16-alpine";

    private static final int POSTGRES_PORT = 5432;

    private final int port;
    private final DockerClient docker = DockerClientFactory.instance().client();
    private PostgreSQLContainer container;
    private boolean running;

    private ContainerPostgresServer(int port) {
        this.port = port;
    }

    static ContainerPostgresServer launch() {
        var postgres = new ContainerPostgresServer(freePort());
        postgres.start();
        return postgres;
    }

    @Override
    public String kind() {
        return "container";
    }

    @Override
    public String host() {
        return container != null ? container.getHost() : DockerClientFactory.instance().dockerHostIpAddress();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (container == null) {
            container = newContainer();
            container.start();
        }
        else {
            docker.startContainerCmd(container.getContainerId()).exec();
            awaitConnections(Duration.ofSeconds(30));
        }
        running = true;
    }

    private PostgreSQLContainer newContainer() {
        return new PostgreSQLContainer(IMAGE)
            .withDatabaseName(database())
            .withUsername(username())
            .withPassword(password())
            .withCreateContainerCmdModifier(command -> command.getHostConfig()
                .withPortBindings(new PortBinding(Ports.Binding.bindPort(port), ExposedPort.tcp(POSTGRES_PORT))));
    }

    private void awaitConnections(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (var connection = connect()) {
                return;
            }
            catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not accept connections within " + timeout, e);
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            docker.stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
            running = false;
        }
    }

    @Override
    public synchronized void kill() {
        if (running) {
            docker.killContainerCmd(container.getContainerId()).withSignal("SIGKILL").exec();
            running = false;
        }
    }

    @Override
    public synchronized void wipeData() {
        if (running) {
            throw new IllegalStateException("Stop or kill the server before wiping its data");
        }
        if (container != null) {
            container.stop(); // removes the container and its data volume
            container = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (container != null) {
            container.stop();
            container = null;
        }
        running = false;
    }

    @Override
    public String toString() {
        return IMAGE + " container on " + host() + ":" + port;
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

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
