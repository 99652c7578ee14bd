package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.FaceIdentityEvent.Status;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.identity.RealFaces.Person;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.OptOutService;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.kafka.LocalKafkaResource;

/** face-identities through the real broker: every face of a frame names its own customer, never a descriptor. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class FaceIdentitiesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    OptOutService optOuts;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String store;

    @BeforeEach
    void reset() {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
        optOuts.list().forEach(o -> optOuts.delete(o.id()));
        store = camera("store");
    }

    @Test
    void eachFaceOfATwoPersonFrameNamesItsOwnCustomerInOneEventPerObservation() {
        String cam = camera("counter");
        Person ann = RealFaces.clear().get(2);
        Person ben = RealFaces.clear().get(3);
        try (TopicReader identities = KafkaTestClient.readerFromEnd(Topics.FACE_IDENTITIES)) {
            FaceObservationEvent last = null;
            for (int i = 0; i < 5; i++) {
                last = frame(cam, store, t0.plusMillis(250L * i), List.of(ann.view(i), ben.view(i)));
                send(last);
            }
            awaitProcessed(dataSource, last);
            List<String> ids = customerIds(dataSource);
            assertThat(ids).hasSize(2);

            List<FaceIdentityEvent> events = identities
                    .await(5, WAIT, r -> event(r).camera().equals(cam))
                    .stream()
                    .map(FaceIdentitiesTest::event)
                    .filter(e -> e.camera().equals(cam))
                    .toList();
            assertThat(events)
                    .extracting(FaceIdentityEvent::observationId)
                    .doesNotHaveDuplicates()
                    .hasSize(5);
            FaceObservationEvent observed = last;
            FaceIdentityEvent ofLast = events.stream()
                    .filter(e -> e.frameId().equals(observed.frameId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(ofLast.faces()).hasSize(2);
            assertThat(ofLast.faces())
                    .extracting(FaceIdentityEvent.Face::status)
                    .containsOnly(Status.CUSTOMER);
            assertThat(ofLast.faces())
                    .extracting(FaceIdentityEvent.Face::customerId)
                    .containsExactlyInAnyOrderElementsOf(ids)
                    .doesNotHaveDuplicates();
            for (FaceIdentityEvent.Face face : ofLast.faces()) {
                assertThat(face.box())
                        .isEqualTo(observed.faces().get(face.index()).box());
            }
            // The same person stays the same customer from frame to frame, each on their own box.
            String annId = ofLast.faces().get(0).customerId();
            assertThat(events.stream().filter(e -> e.faces().get(0).status() == Status.CUSTOMER))
                    .allSatisfy(e -> assertThat(e.faces().get(0).customerId()).isEqualTo(annId));
            assertThat(ofLast.storeId()).isEqualTo(store);
            assertThat(ofLast.imageWidth()).isEqualTo(IdentityTestSupport.WIDTH);
        }
    }

    @Test
    void aFaceNoCustomerCanBeYetIsAVisitorAndTheEventCarriesNoDescriptor() {
        String cam = camera("entrance");
        Person stranger = RealFaces.clear().get(4);
        try (TopicReader identities = KafkaTestClient.readerFromEnd(Topics.FACE_IDENTITIES)) {
            FaceObservationEvent first = frame(cam, store, t0, List.of(stranger.view(0)));
            send(first);
            ConsumerRecord<String, byte[]> record = identities
                    .await(1, WAIT, r -> event(r).frameId().equals(first.frameId()))
                    .get(0);
            assertThat(record.key()).isEqualTo(cam);
            assertThat(KafkaTestClient.text(record.value())).doesNotContain("descriptor");
            FaceIdentityEvent event = event(record);
            assertThat(event.faces()).singleElement().satisfies(face -> {
                assertThat(face.status()).isIn(Status.VISITOR, Status.SKIPPED);
                assertThat(face.customerId()).isNull();
                assertThat(face.ageBand()).isEqualTo(stranger.face().ageBand());
            });
        }
    }

    private static FaceIdentityEvent event(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), FaceIdentityEvent.class);
    }
}
