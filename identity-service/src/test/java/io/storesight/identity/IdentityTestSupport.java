package io.storesight.identity;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.specification.RequestSpecification;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.ObservationService;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Await;
import io.storesight.testsupport.Db;
import io.storesight.testsupport.TestLogins;

/** Building observation events, sending them through the real broker and waiting until they are processed. */
final class IdentityTestSupport {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;

    static RequestSpecification admin() {
        return given().auth().preemptive().basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD);
    }

    /** A camera of its own per test: unknown-face tracks and clocks are per camera. */
    static String camera(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A frame of an entrance camera. */
    static FaceObservationEvent frame(
            String camera, String store, Instant captureTime, List<FaceObservationEvent.Face> faces) {
        return frame(camera, "entrance", store, captureTime, faces);
    }

    static FaceObservationEvent frame(
            String camera, String role, String store, Instant captureTime, List<FaceObservationEvent.Face> faces) {
        String frameId = camera + "-" + UUID.randomUUID();
        return new FaceObservationEvent(
                FaceObservationEvent.eventIdFor(frameId),
                FaceObservationEvent.Type.FACES_OBSERVED,
                FaceObservationEvent.SCHEMA_VERSION,
                Instant.now(),
                frameId,
                camera,
                store,
                role,
                captureTime,
                12.5,
                WIDTH,
                HEIGHT,
                Map.of("descriptor", "dlib-128"),
                faces);
    }

    static void send(FaceObservationEvent event) {
        KafkaTestClient.send(Topics.FACE_OBSERVATIONS, event.cameraId(), EventJson.toJson(event));
    }

    /** Sends frames of one person, {@code stepMillis} apart from {@code start}; returns the last event. */
    static FaceObservationEvent sendFrames(
            String camera, String store, Instant start, long stepMillis, int count, RealFaces.Person... people) {
        FaceObservationEvent last = null;
        for (int i = 0; i < count; i++) {
            int k = i;
            last = frame(
                    camera,
                    store,
                    start.plusMillis(i * stepMillis),
                    java.util.Arrays.stream(people).map(p -> p.view(k)).toList());
            send(last);
        }
        return last;
    }

    static void awaitProcessed(DataSource dataSource, FaceObservationEvent event) {
        Await.until(
                "observation " + event.eventId() + " processed",
                () -> Db.count(
                                dataSource,
                                "SELECT COUNT(*) FROM processed_events WHERE event_id = ?",
                                ObservationService.CONSUMER + ":" + event.eventId())
                        == 1);
    }

    /** A clean registry for a test: every customer erased through the service's own path. */
    static void eraseEveryCustomer(DataSource dataSource, CustomerService customers) {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
    }

    static List<String> customerIds(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id FROM customers ORDER BY first_seen");
                ResultSet rows = s.executeQuery()) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static VisitEvent visit(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), VisitEvent.class);
    }

    static CustomerEvent customerEvent(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), CustomerEvent.class);
    }

    static boolean isVisit(ConsumerRecord<String, byte[]> record, String customerId, VisitEvent.Type type) {
        VisitEvent event = visit(record);
        return customerId.equals(event.customerId()) && event.type() == type;
    }

    static boolean isCustomerEvent(ConsumerRecord<String, byte[]> record, String customerId, CustomerEvent.Type type) {
        CustomerEvent event = customerEvent(record);
        return customerId.equals(event.customerId()) && event.type() == type;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private IdentityTestSupport() {}
}
