package io.storesight.sales.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.LocalKafkaBroker;
import io.storesight.testsupport.TestLogins;

/**
 * Orders per second sustained through the REST API, the SQLite transaction and the outbox relay into the
 * {@code orders} topic. Starts a real local broker and the packaged service as its own process (fresh database),
 * drives it with concurrent HTTP clients for a warm-up and a measured window, and counts the ORDER_PLACED events
 * that reach the topic (each eventId once). Not a test: it prints figures. See the module README for the command.
 */
public final class OrderThroughputBenchmark {
    private static final String STAFF_PASSWORD = "bench-staff-" + UUID.randomUUID();
    private static final String[] ITEMS = {
        "espresso",
        "americano",
        "cafe-latte",
        "cappuccino",
        "flat-white",
        "matcha-latte",
        "lemonade",
        "mango-smoothie",
        "butter-croissant",
        "tiramisu",
        "avocado-toast"
    };

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("bench.app", "sales-service/target/quarkus-app/quarkus-run.jar"));
        int seconds = Integer.getInteger("bench.seconds", 30);
        int clients = Integer.getInteger("bench.clients", 8);
        int warmup = Integer.getInteger("bench.warmup", 10);
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package the service first "
                    + "(./mvnw -o -pl sales-service -am install -DskipTests)");
        }
        Path work = Files.createTempDirectory("sales-bench-");
        LocalKafkaBroker broker =
                LocalKafkaBroker.start(work.resolve("kafka"), 0, 0).withStoreSightTopics();
        int port = freePort();
        Process service = startService(app, work, broker.bootstrapServers(), port);
        int exit = 1;
        try (EventCounter events = new EventCounter(broker.bootstrapServers())) {
            awaitReady(port, service);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI orders = URI.create("http://localhost:" + port + "/api/v1/orders");
            System.out.printf(
                    "bench: %d clients, %d s warm-up, %d s measured, %d cores%n",
                    clients, warmup, seconds, Runtime.getRuntime().availableProcessors());

            Load warm = new Load(http, orders, clients);
            warm.runFor(Duration.ofSeconds(warmup));
            long placedBefore = events.awaitCount(warm.accepted.get(), Duration.ofSeconds(60));

            Load measured = new Load(http, orders, clients);
            Duration cpuBefore = cpu(service);
            long t0 = System.nanoTime();
            measured.runFor(Duration.ofSeconds(seconds));
            double restSeconds = (System.nanoTime() - t0) / 1e9;
            long expected = placedBefore + measured.accepted.get();
            long seen = events.awaitCount(expected, Duration.ofSeconds(120));
            Duration serviceCpu = cpu(service).minus(cpuBefore);
            double topicSeconds = (events.lastArrivalNanos.get() - t0) / 1e9;

            System.out.printf(
                    "orders accepted (201):    %d in %.1f s = %.0f orders/s%n",
                    measured.accepted.get(), restSeconds, measured.accepted.get() / restSeconds);
            System.out.printf(
                    "ORDER_PLACED on topic:    %d (all %d unique eventIds; expected %d) = %.0f events/s "
                            + "until the last one arrived%n",
                    seen - placedBefore, events.unique(), expected, (seen - placedBefore) / topicSeconds);
            System.out.printf("refused or failed:        %d%n", measured.failed.get());
            System.out.printf(
                    "service CPU per order:    %.1f ms (%.1f s of CPU for the measured orders)%n",
                    serviceCpu.toNanos() / 1e6 / Math.max(1, measured.accepted.get()), serviceCpu.toMillis() / 1e3);
            System.out.printf(
                    "REST latency ms:          p50 %.1f  p95 %.1f  p99 %.1f%n",
                    measured.percentile(50), measured.percentile(95), measured.percentile(99));
            System.out.printf(
                    "commit -> topic ms:       p50 %.1f  p95 %.1f%n", events.percentile(50), events.percentile(95));
            exit = seen == expected && events.unique() == seen ? 0 : 2;
        } finally {
            service.destroy();
            service.waitFor();
            broker.close();
            broker.deleteData();
        }
        System.exit(exit);
    }

    /** CPU time the service process has used so far (user + system), for the cost per order. */
    private static Duration cpu(Process service) {
        return service.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Process startService(Path app, Path work, String bootstrap, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "java", "-Xmx512m", "-jar", app.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("STORESIGHT_DATA_DIR", work.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        builder.environment().put("STORESIGHT_ADMIN_PASSWORD", "bench-admin-" + UUID.randomUUID());
        builder.environment().put("STORESIGHT_STAFF_PASSWORD", STAFF_PASSWORD);
        builder.environment().put("STORESIGHT_SESSION_KEY", "bench-" + UUID.randomUUID());
        System.out.println("bench: service log in " + work.resolve("service.log"));
        return builder.start();
    }

    private static void awaitReady(int port, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue());
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + port + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Closed-loop clients: each sends its next order as soon as the previous answer arrives. */
    private static final class Load {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final HttpClient http;
        private final URI orders;
        private final int clients;

        Load(HttpClient http, URI orders, int clients) {
            this.http = http;
            this.orders = orders;
            this.clients = clients;
        }

        void runFor(Duration duration) throws InterruptedException {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(
                        () -> {
                            while (!stop.get()) {
                                send();
                            }
                        },
                        "bench-client-" + i);
                t.start();
                threads.add(t);
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }

        private void send() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder items = new StringBuilder();
            int lines = 1 + random.nextInt(3);
            for (int i = 0; i < lines; i++) {
                items.append(i == 0 ? "" : ",")
                        .append("{\"menuItemId\":\"")
                        .append(ITEMS[(random.nextInt(ITEMS.length) + i) % ITEMS.length])
                        .append("\",\"quantity\":")
                        .append(1 + random.nextInt(3))
                        .append('}');
            }
            String body = "{\"counterId\":\"counter-1\",\"items\":[" + items + "]}";
            HttpRequest request = HttpRequest.newBuilder(orders)
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestLogins.basic("staff", STAFF_PASSWORD))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                latencies.add(System.nanoTime() - start);
                if (status == 201) {
                    accepted.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                failed.incrementAndGet();
            }
        }

        double percentile(int p) {
            return OrderThroughputBenchmark.percentile(latencies, p);
        }
    }

    /** Reads {@code orders} from the current end and counts ORDER_PLACED events by eventId. */
    private static final class EventCounter implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        final AtomicLong lastArrivalNanos = new AtomicLong();
        private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
        private final List<Long> commitToTopic = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        EventCounter(String bootstrap) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(Topics.ORDERS, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(
                    () -> {
                        try (consumer) {
                            while (running.get()) {
                                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                                    OrderEvent event = EventJson.fromBytes(record.value(), OrderEvent.class);
                                    if (event.type() == OrderEvent.Type.ORDER_PLACED) {
                                        eventIds.add(event.eventId());
                                        count.incrementAndGet();
                                        lastArrivalNanos.set(System.nanoTime());
                                        commitToTopic.add(Duration.between(
                                                        event.orderedAt(), Instant.ofEpochMilli(record.timestamp()))
                                                .toNanos());
                                    }
                                }
                            }
                        }
                    },
                    "bench-consumer");
            thread.start();
        }

        long awaitCount(long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            return count.get();
        }

        int unique() {
            return eventIds.size();
        }

        double percentile(int p) {
            return OrderThroughputBenchmark.percentile(commitToTopic, p);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private OrderThroughputBenchmark() {}
}
