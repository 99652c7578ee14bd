package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;

/** Erasure reaches the live overlay: through the real broker, as identity-service announces it. */
@QuarkusTest
class LiveViewErasureTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    LiveView live;

    @Test
    void anErasedCustomerLeavesTheLiveViewAtOnceAndALateSightingDoesNotBringThemBack() throws Exception {
        String camera = "erase-cam-" + UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        String other = "c-" + UUID.randomUUID();
        // The live consumers start at the end of the topics: resend until they are assigned.
        awaitWhileSending(() -> shown(camera, customer) && shown(camera, other), () -> {
            KafkaTestClient.send(Topics.VISITS, customer, EventJson.toJson(sighting(customer, camera)));
            KafkaTestClient.send(Topics.VISITS, other, EventJson.toJson(sighting(other, camera)));
        });

        awaitWhileSending(() -> !shown(camera, customer), () -> KafkaTestClient.send(Topics.CUSTOMER_EVENTS,
                customer, EventJson.toJson(CustomerEvent.erased(customer, "erased by admin", Instant.now()))));
        assertThat(shown(camera, other)).as("someone else stays").isTrue();

        // A sighting published before the erasure but read after it; a marker behind it on the same partition
        // says when it has been read.
        KafkaTestClient.send(Topics.VISITS, customer, EventJson.toJson(sighting(customer, camera)));
        String marker = "c-" + UUID.randomUUID();
        KafkaTestClient.send(Topics.VISITS, customer, EventJson.toJson(sighting(marker, camera)));
        awaitWhileSending(() -> shown(camera, marker), () -> {
        });
        assertThat(shown(camera, customer)).isFalse();
    }

    private boolean shown(String camera, String customer) {
        return live.present(camera).stream().anyMatch(v -> v.customerId().equals(customer));
    }

    private static VisitEvent sighting(String customer, String camera) {
        return new VisitEvent(UUID.randomUUID().toString(), VisitEvent.Type.SIGHTING_STARTED,
                VisitEvent.SCHEMA_VERSION, Instant.now(), customer, "visit-" + customer, "sighting-" + customer,
                "store-1", camera, "counter", 1, false, "NEW", false, "25-34", "FEMALE", Instant.now(), null, null);
    }

    private static void awaitWhileSending(BooleanSupplier condition, Runnable send) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within " + PATIENCE).isLessThan(deadline);
            send.run();
            for (int i = 0; i < 10 && !condition.getAsBoolean(); i++) {
                Thread.sleep(100);
            }
        }
    }
}
