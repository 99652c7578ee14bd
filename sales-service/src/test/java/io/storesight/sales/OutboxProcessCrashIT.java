package io.storesight.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.LocalKafkaResource;
import io.storesight.testsupport.TestLogins;

/**
 * The crash of the issue, with real processes: the packaged service takes orders while its relay is held back (so
 * the crash surely falls between commit and publish), is killed with SIGKILL, and a fresh process on the same
 * database publishes every committed order exactly once. A third start publishes nothing again.
 */
class OutboxProcessCrashIT {
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ordersCommittedBeforeASigkillArePublishedOnceByTheNextProcess() throws Exception {
        Path dataDir = Files.createTempDirectory("sales-crash-");
        try (var topic = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            Service first = start(dataDir, false);
            List<String> orderIds = new ArrayList<>();
            try {
                for (String item : List.of("cafe-latte", "tiramisu", "lemonade")) {
                    orderIds.add(placeOrder(first, item));
                }
            } finally {
                first.kill();
            }
            Path db = dataDir.resolve("sales.db");
            assertThat(outbox(db, "sent_at IS NULL")).hasSize(3);
            assertThat(topic.drain(Duration.ofSeconds(2))).isEmpty();

            Service second = start(dataDir, true);
            try {
                List<ConsumerRecord<String, byte[]>> published =
                        topic.await(3, Duration.ofSeconds(60), r -> orderIds.contains(r.key()));
                assertThat(topic.drain(Duration.ofSeconds(3))).hasSize(3);
                assertThat(published)
                        .extracting(r ->
                                EventJson.fromBytes(r.value(), OrderEvent.class).eventId())
                        .containsExactlyInAnyOrderElementsOf(outbox(db, "sent_at IS NOT NULL"));
                assertThat(outbox(db, "sent_at IS NULL")).isEmpty();
            } finally {
                second.kill();
            }

            Service third = start(dataDir, true);
            try {
                assertThat(topic.drain(Duration.ofSeconds(4))).hasSize(3);
            } finally {
                third.kill();
            }
        }
    }

    private static Service start(Path dataDir, boolean relay) throws Exception {
        String app = System.getProperty("sales.app");
        assertThat(app)
                .as("system property sales.app (set by the failsafe configuration)")
                .isNotNull();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", app)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("service.log").toFile()));
        builder.environment()
                .putAll(Map.of(
                        "STORESIGHT_ADMIN_PASSWORD",
                        Fixtures.ADMIN_PASSWORD,
                        "STORESIGHT_STAFF_USER",
                        Fixtures.STAFF_USER,
                        "STORESIGHT_STAFF_PASSWORD",
                        Fixtures.STAFF_PASSWORD,
                        "STORESIGHT_SESSION_KEY",
                        "crash-test-session-key-0123456789abcdef",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        LocalKafkaResource.bootstrapServers(),
                        "STORESIGHT_DATA_DIR",
                        dataDir.toString(),
                        "QUARKUS_HTTP_PORT",
                        Integer.toString(port),
                        "STORESIGHT_OUTBOX_ENABLED",
                        Boolean.toString(relay)));
        Process process = builder.start();
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("service process (log: %s)", dataDir.resolve("service.log"))
                    .isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return new Service(process, port);
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        process.destroyForcibly();
        throw new AssertionError("service not ready within 120 s; log: " + dataDir.resolve("service.log"));
    }

    private record Service(Process process, int port) {
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private static String placeOrder(Service service, String item) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/api/v1/orders"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", TestLogins.basic(Fixtures.STAFF_USER, Fixtures.STAFF_PASSWORD))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"items\":[{\"menuItemId\":\"" + item + "\",\"quantity\":1}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = ID.matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return id.group(1);
    }

    private static List<String> outbox(Path db, String condition) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement("SELECT event_id FROM outbox WHERE " + condition);
                ResultSet rs = ps.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }
}
