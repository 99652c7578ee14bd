package io.storesight.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: one real broker per test JVM (so per module), shared by every test in it, with the topics of
 * contracts' Topics.ALL. Register it once per module, e.g. {@code @QuarkusTestResource(LocalKafkaResource.class)} on any test
 * class; every {@code @QuarkusTest} then sees {@code kafka.bootstrap.servers}.
 */
public class LocalKafkaResource implements QuarkusTestResourceLifecycleManager {
    private static LocalKafkaBroker broker;

    /** The running broker's address, for a test's own producers and consumers. */
    public static synchronized String bootstrapServers() {
        return ensureStarted().bootstrapServers();
    }

    static synchronized LocalKafkaBroker ensureStarted() {
        if (broker == null) {
            try {
                broker = LocalKafkaBroker.start(Files.createTempDirectory("storesight-kafka-"), 0, 0)
                        .withStoreSightTopics();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalKafkaBroker started = broker;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                started.close();
                                started.deleteData();
                            },
                            "test-kafka-shutdown"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(), "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker outlives each application start so that every test class of the module shares it; the JVM's
        // shutdown hook stops it after Quarkus has stopped the application (clients would otherwise retry ~5 s).
    }
}
