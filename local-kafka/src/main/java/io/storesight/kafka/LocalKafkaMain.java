package io.storesight.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.storesight.contracts.Topics;

/**
 * The broker of the local run ({@code ./storesight up}): {@code java -cp ... io.storesight.kafka.LocalKafkaMain
 * [--port 9092] [--controller-port 9093] [--data-dir .storesight/kafka]}. Keeps its data between runs, creates the
 * topics of contracts' Topics.ALL (or brings those of an earlier install to today's settings), and stops cleanly on
 * SIGTERM / Ctrl-C.
 */
public final class LocalKafkaMain {

    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        int controllerPort = -1;
        Path dataDir = Path.of(".storesight", "kafka");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--controller-port" -> controllerPort = Integer.parseInt(require(args[i], value));
                case "--data-dir" -> dataDir = Path.of(require(args[i], value));
                case "--help", "-h" -> {
                    System.out.println("usage: LocalKafkaMain [--port 9092] [--controller-port PORT+1] "
                            + "[--data-dir .storesight/kafka]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
            i++;
        }
        if (controllerPort < 0) {
            controllerPort = port + 1;
        }
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, port, controllerPort);
        List<String> updated = broker.createTopics(Topics.ALL);
        if (!updated.isEmpty()) {
            System.out.println("StoreSight local Kafka: brought the settings of " + updated + " up to date");
        }
        System.out.println("StoreSight local Kafka ready on " + broker.bootstrapServers() + " (data in "
                + dataDir.toAbsolutePath() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "local-kafka-shutdown"));
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private LocalKafkaMain() {}
}
