package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.send;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static io.storesight.identity.IdentityTestSupport.visit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.identity.RealFaces.Person;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.testsupport.Db;

/**
 * Live occupancy (console issue item 7): as real faces enter and leave an entrance camera, identity publishes the
 * store's head count (OCCUPANCY on {@code visits}): customers with an open visit plus visitors not recognised yet.
 */
@QuarkusTest
class OccupancyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    private static boolean occupancyOf(ConsumerRecord<String, byte[]> record, String store) {
        VisitEvent event = visit(record);
        return event.type() == VisitEvent.Type.OCCUPANCY && store.equals(event.storeId());
    }

    @Test
    void aCustomerAndAnUnrecognisedVisitorAreCountedInsideUntilTheyLeave() {
        String store = camera("store");
        String cam = camera("entrance");
        Person clear = RealFaces.clear().get(4);
        Person blurry = RealFaces.all().stream()
                .filter(p -> p.quality() < 0.1f)
                .findFirst()
                .orElseThrow();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            // One face is recognisable (a new customer once its track is confirmed), the other too poor to tell.
            awaitProcessed(dataSource, sendFrames(cam, store, t0, 200, 10, clear, blurry));
            VisitEvent both = visit(visits.await(
                            1,
                            WAIT,
                            r -> occupancyOf(r, store) && visit(r).customers() == 1 && visit(r).visitors() == 1)
                    .get(0));
            assertThat(both.inside()).isEqualTo(2);
            assertThat(both.eventId()).startsWith("occupancy-" + store + "-");
            assertThat(Db.count(
                            dataSource, "SELECT COUNT(*) FROM visits WHERE store_id = ? AND ended_at IS NULL", store))
                    .isEqualTo(1);

            // Nobody for longer than the absence threshold: the visit ends, the visitor's pass ends.
            FaceObservationEvent empty = frame(cam, store, t0.plusSeconds(20), List.of());
            send(empty);
            awaitProcessed(dataSource, empty);
            List<ConsumerRecord<String, byte[]>> gone =
                    visits.await(1, WAIT, r -> occupancyOf(r, store) && visit(r).inside() == 0);
            assertThat(gone.get(0).key()).isEqualTo(VisitEvent.occupancyKey(store));
            assertThat(visit(gone.get(0)).customers()).isZero();

            // Unchanged, the count is repeated (every 3 s in the tests, a minute by default), so curves have no gaps.
            List<ConsumerRecord<String, byte[]>> repeated = visits.await(
                    1,
                    WAIT,
                    r -> occupancyOf(r, store)
                            && visit(r).inside() == 0
                            && visit(r).timestamp().isAfter(visit(gone.get(0)).timestamp()));
            assertThat(visit(repeated.get(0)).eventId())
                    .isNotEqualTo(visit(gone.get(0)).eventId());
        }
    }
}
