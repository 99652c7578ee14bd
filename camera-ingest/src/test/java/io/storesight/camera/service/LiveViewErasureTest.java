package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;

/** Erasure reaches the live overlay: through the real broker, as identity-service announces it. */
@QuarkusTest
class LiveViewErasureTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    LiveView live;

    @Test
    void anErasedCustomerLeavesTheLiveViewAtOnceAndALateFrameDoesNotBringThemBack() throws Exception {
        String camera = "erase-cam-" + UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        String other = "c-" + UUID.randomUUID();
        // The live consumers start at the end of the topics: resend until they are assigned.
        awaitWhileSending(
                () -> shown(camera, customer) && shown(camera, other),
                () -> KafkaTestClient.send(
                        Topics.FACE_IDENTITIES, camera, EventJson.toJson(frame(camera, customer, other))));

        awaitWhileSending(
                () -> !shown(camera, customer),
                () -> KafkaTestClient.send(
                        Topics.CUSTOMER_EVENTS,
                        customer,
                        EventJson.toJson(CustomerEvent.erased(customer, "erased by admin", Instant.now()))));
        assertThat(shown(camera, other)).as("someone else stays").isTrue();

        // A frame published before the erasure but read after it; a marker frame behind it on the same partition
        // says when it has been read.
        KafkaTestClient.send(Topics.FACE_IDENTITIES, camera, EventJson.toJson(frame(camera, customer, other)));
        String marker = "c-" + UUID.randomUUID();
        KafkaTestClient.send(Topics.FACE_IDENTITIES, camera, EventJson.toJson(frame(camera, customer, marker)));
        awaitWhileSending(() -> shown(camera, marker), () -> {});
        assertThat(shown(camera, customer)).isFalse();
        assertThat(live.faces(camera).orElseThrow().faces()).hasSize(1);
    }

    private boolean shown(String camera, String customer) {
        return live.faces(camera).stream()
                .flatMap(f -> f.faces().stream())
                .anyMatch(face -> customer.equals(face.customerId()));
    }

    private static FaceIdentityEvent frame(String camera, String first, String second) {
        String frameId = camera + "-" + UUID.randomUUID();
        return FaceIdentityEvent.of(
                FaceObservationEvent.eventIdFor(frameId),
                frameId,
                camera,
                "store-1",
                Instant.now(),
                640,
                480,
                List.of(face(0, first), face(1, second)),
                Instant.now());
    }

    private static FaceIdentityEvent.Face face(int index, String customer) {
        return FaceIdentityEvent.Face.customer(
                index,
                new FaceObservationEvent.Box(10 + 300 * index, 40, 80, 90),
                customer,
                null,
                "NEW",
                false,
                false,
                "25-34",
                "FEMALE");
    }

    private static void awaitWhileSending(BooleanSupplier condition, Runnable send) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("condition reached within " + PATIENCE)
                    .isLessThan(deadline);
            send.run();
            for (int i = 0; i < 10 && !condition.getAsBoolean(); i++) {
                Thread.sleep(100);
            }
        }
    }
}
