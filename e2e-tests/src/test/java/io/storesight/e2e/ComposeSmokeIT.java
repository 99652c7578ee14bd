package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The compose stack as a store server runs it: {@code docker compose up --wait} builds the images from the packaged
 * services and waits for every health check, then each service must answer its readiness probe on the host. Runs
 * only where a Docker engine answers ({@code docker info}); elsewhere it is skipped with the reason. (Plain
 * {@code docker compose} through a process rather than Testcontainers: that library is not resolvable here.)
 */
class ComposeSmokeIT {

    @Test
    void composeStackComesUpHealthy() throws Exception {
        Command info =
                run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), Map.of(), Duration.ofSeconds(30));
        assumeTrue(
                info.exit() == 0,
                () -> "skipped: no Docker engine here (`docker info` failed: "
                        + info.output().strip().lines().reduce((a, b) -> b).orElse("no output") + ")");
        Command compose = run(List.of("docker", "compose", "version"), Map.of(), Duration.ofSeconds(30));
        assumeTrue(
                compose.exit() == 0,
                () -> "skipped: Docker engine found but no `docker compose` plugin: "
                        + compose.output().strip());

        Path root =
                Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        String project = "storesight-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        env.putAll(Stack.credentials("e2e-" + UUID.randomUUID(), "e2e-session-" + UUID.randomUUID()));
        Map<String, Integer> ports = Map.of(
                "CAMERA_INGEST_PORT",
                Stack.freePort(),
                "IDENTITY_SERVICE_PORT",
                Stack.freePort(),
                "SALES_SERVICE_PORT",
                Stack.freePort(),
                "ANALYTICS_API_PORT",
                Stack.freePort());
        ports.forEach((name, port) -> env.put(name, port.toString()));
        List<String> base = List.of(
                "docker",
                "compose",
                "-p",
                project,
                "-f",
                root.resolve("docker-compose.yml").toString());
        try {
            Command up = run(
                    concat(base, "up", "-d", "--build", "--wait", "--wait-timeout", "420"), env, Duration.ofMinutes(9));
            assertThat(up.exit()).as("docker compose up:\n%s", up.output()).isZero();
            for (int port : ports.values()) {
                Command ready = run(
                        List.of("curl", "-fsS", "-m", "5", "http://localhost:" + port + "/q/health/ready"),
                        Map.of(),
                        Duration.ofSeconds(10));
                assertThat(ready.exit())
                        .as("readiness on port %d: %s", port, ready.output())
                        .isZero();
            }
        } finally {
            run(concat(base, "down", "-v", "--remove-orphans"), env, Duration.ofMinutes(2));
        }
    }

    record Command(int exit, String output) {}

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static Command run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("e2e-compose-", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Command(127, command.get(0) + " not found: " + e.getMessage());
        }
        boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!done) {
            return new Command(124, "timed out after " + timeout + ": " + output);
        }
        return new Command(process.exitValue(), output);
    }
}
