package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.admin;
import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerEvent;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.eraseEveryCustomer;
import static io.storesight.identity.IdentityTestSupport.isCustomerEvent;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.common.outbox.OutboxRelay;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.Topics;
import io.storesight.identity.service.CustomerService;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;

/** Erasure reaches what is shown now and what is still waiting to be published. */
@QuarkusTest
class ErasureTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    OutboxRelay relay;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void reset() {
        eraseEveryCustomer(dataSource, customers);
    }

    @Test
    void anErasedCustomerLeavesThePresenceViewAtOnce() {
        String cam = camera("entrance");
        awaitProcessed(
                dataSource,
                sendFrames(cam, camera("store"), t0, 300, 4, RealFaces.clear().get(4)));
        String id = customerIds(dataSource).get(0);
        assertThat(peopleAt(cam)).containsExactly(id);

        admin().delete("/api/v1/customers/" + id).then().statusCode(204);
        assertThat(peopleAt(cam)).isEmpty();
    }

    @Test
    void aLabelWaitingInTheOutboxIsNeverPublishedOnceTheCustomerIsErased() {
        String cam = camera("entrance");
        awaitProcessed(
                dataSource,
                sendFrames(cam, camera("store"), t0, 300, 4, RealFaces.clear().get(5)));
        String id = customerIds(dataSource).get(0);
        String label = "Ms. Example, table 4";
        relay.stop();
        try (TopicReader events = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            admin().contentType(ContentType.JSON)
                    .body(Map.of("label", label))
                    .patch("/api/v1/customers/" + id)
                    .then()
                    .statusCode(200);
            assertThat(count(
                            dataSource,
                            "SELECT COUNT(*) FROM outbox WHERE msg_key = ? AND sent_at IS NULL " + "AND payload LIKE ?",
                            id,
                            "%" + label + "%"))
                    .as("the label waits in the outbox")
                    .isEqualTo(1);

            admin().delete("/api/v1/customers/" + id).then().statusCode(204);
            relay.start();

            CustomerEvent erased =
                    customerEvent(events.await(1, WAIT, r -> isCustomerEvent(r, id, CustomerEvent.Type.CUSTOMER_ERASED))
                            .get(0));
            assertThat(erased.label()).isNull();
            List<ConsumerRecord<String, byte[]>> published = events.drain(Duration.ofSeconds(2));
            assertThat(published)
                    .filteredOn(r -> id.equals(r.key()))
                    .extracting(r -> customerEvent(r).type())
                    .containsExactly(CustomerEvent.Type.CUSTOMER_ERASED);
            assertThat(published).noneMatch(r -> KafkaTestClient.text(r.value()).contains(label));
        } finally {
            relay.start();
        }
    }

    private static List<String> peopleAt(String cam) {
        return admin().queryParam("cameraId", cam)
                .get("/api/v1/presence")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("[0].people.customerId", String.class);
    }
}
