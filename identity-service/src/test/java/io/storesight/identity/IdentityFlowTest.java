package io.storesight.identity;

import static io.restassured.RestAssured.given;
import static io.storesight.identity.IdentityTestSupport.admin;
import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.isCustomerEvent;
import static io.storesight.identity.IdentityTestSupport.isVisit;
import static io.storesight.identity.IdentityTestSupport.send;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static io.storesight.identity.IdentityTestSupport.visit;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.identity.RealFaces.Person;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.GalleryService;
import io.storesight.identity.service.OptOutService;
import io.storesight.identity.service.PresenceSweeper;
import io.storesight.identity.service.RetentionJob;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.kafka.LocalKafkaResource;

/**
 * Issue 6's acceptance list, end to end through the real broker and a real SQLite file, with descriptors the real
 * engine computed from the sample photos (views of one face: the photo, its mirror image, a downscaled copy).
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class IdentityFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    OptOutService optOuts;

    @Inject
    GalleryService galleryService;

    @Inject
    PresenceSweeper sweeper;

    @Inject
    IdentityConfig config;

    @Inject
    RetentionJob retention;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String store;

    @BeforeEach
    void reset() {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
        optOuts.list().forEach(o -> optOuts.delete(o.id()));
        store = camera("store");
    }

    private static Person person(int i) {
        return RealFaces.clear().get(i);
    }

    private JsonPath detail(String id) {
        return admin().get("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Who the gallery says the face is (null when nobody is in it). */
    private String nearest(float[] descriptor) {
        List<Candidate> nearest = galleryService.gallery().nearest(descriptor, 1);
        return nearest.isEmpty() ? null : nearest.get(0).customerId();
    }

    private String onlyCustomer() {
        List<String> ids = customerIds(dataSource);
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    @Test
    void sameFaceOverManyFramesIsOneCustomerAndOneVisit() {
        String cam = camera("entrance");
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 15, person(0)));

            String id = onlyCustomer();
            JsonPath d = detail(id);
            assertThat(d.getInt("customer.visitCount")).isEqualTo(1);
            assertThat(d.getString("customer.tier")).isEqualTo("NEW");
            assertThat(d.getString("customer.ageBand"))
                    .isEqualTo(person(0).face().ageBand());
            assertThat(d.getString("customer.gender"))
                    .isEqualTo(person(0).face().gender().name());
            assertThat(d.getList("visits")).hasSize(1);
            assertThat(d.getInt("templateCount")).isBetween(1, 5);
            assertThat(d.getList("recentSightings")).hasSize(1);
            // 3 frames confirm the track, the other 12 extend the same sighting
            assertThat(d.getInt("recentSightings[0].frames")).isEqualTo(15);
            assertThat(d.getList("logs.event", String.class)).contains("Visit started", "Entered frame");

            List<ConsumerRecord<String, byte[]>> started = visits.await(
                    2, WAIT, r -> r.key().equals(id) && visit(r).type().name().endsWith("_STARTED"));
            assertThat(started)
                    .extracting(r -> visit(r).type())
                    .containsExactlyInAnyOrder(VisitEvent.Type.VISIT_STARTED, VisitEvent.Type.SIGHTING_STARTED);
            VisitEvent visitStarted = started.stream()
                    .map(IdentityTestSupport::visit)
                    .filter(e -> e.type() == VisitEvent.Type.VISIT_STARTED)
                    .findFirst()
                    .orElseThrow();
            assertThat(visitStarted.visitNumber()).isEqualTo(1);
            assertThat(visitStarted.newCustomer()).isTrue();
            assertThat(visitStarted.startedAt()).isEqualTo(t0);
            assertThat(new String(started.get(0).value())).doesNotContain("descriptor");
            assertThat(visits.drain(Duration.ofSeconds(1)))
                    .filteredOn(r -> r.key().equals(id))
                    .filteredOn(r -> visit(r).type() == VisitEvent.Type.VISIT_STARTED)
                    .hasSize(1);
        }

        // presence: the live view's data for this camera, box of the latest frame, no descriptor
        String body = admin().queryParam("cameraId", cam)
                .get("/api/v1/presence")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(body).doesNotContain("descriptor");
        JsonPath presence = JsonPath.from(body);
        assertThat(presence.getList("")).hasSize(1);
        assertThat(presence.getList("[0].people")).hasSize(1);
        assertThat(presence.getString("[0].people[0].customerId")).isEqualTo(onlyCustomer());
        assertThat(presence.getFloat("[0].people[0].box.width"))
                .isEqualTo(person(0).face().box().width());
        assertThat(presence.getString("[0].people[0].tier")).isEqualTo("NEW");
        assertThat(presence.getString("[0].people[0].ageBand"))
                .isEqualTo(person(0).face().ageBand());
        assertThat(admin().get("/api/v1/customers/" + onlyCustomer()).asString())
                .doesNotContain("descriptor");
    }

    @Test
    void samePersonAfterAnAbsenceLongerThanTheThresholdIsVisitTwo() {
        String cam = camera("entrance");
        Person p = person(1);
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS);
                TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            sendFrames(cam, store, t0, 300, 6, p);
            // a 5 s gap (under the 10 s threshold) is the same visit and the same sighting
            send(frame(cam, store, t0.plusSeconds(5), List.of()));
            FaceObservationEvent last = sendFrames(cam, store, t0.plusSeconds(7), 300, 3, p);
            awaitProcessed(dataSource, last);
            String id = onlyCustomer();
            assertThat(detail(id).getInt("customer.visitCount")).isEqualTo(1);

            // nobody for more than 10 s of capture time: the visit ends at the last sighting (t0 + 7.6 s)
            FaceObservationEvent nobody = frame(cam, store, t0.plusSeconds(20), List.of());
            send(nobody);
            awaitProcessed(dataSource, nobody);
            VisitEvent ended = visit(visits.await(1, WAIT, r -> isVisit(r, id, VisitEvent.Type.VISIT_ENDED))
                    .get(0));
            assertThat(ended.endedAt()).isEqualTo(t0.plusMillis(7600));
            assertThat(ended.dwellSeconds()).isEqualTo(7.6);
            visits.await(1, WAIT, r -> isVisit(r, id, VisitEvent.Type.SIGHTING_ENDED));

            awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(22), 300, 3, p));
            JsonPath d = detail(id);
            assertThat(customerIds(dataSource)).containsExactly(id);
            assertThat(d.getInt("customer.visitCount")).isEqualTo(2);
            assertThat(d.getString("customer.tier")).isEqualTo("REGULAR");
            assertThat(d.getList("visits.visitNumber", Integer.class)).containsExactly(1, 2);
            assertThat(d.getList("logs.event", String.class)).contains("Visit ended", "Left frame");

            VisitEvent second = visit(visits.await(2, WAIT, r -> isVisit(r, id, VisitEvent.Type.VISIT_STARTED))
                    .get(1));
            assertThat(second.visitNumber()).isEqualTo(2);
            assertThat(second.newCustomer()).isFalse();
            assertThat(second.tier()).isEqualTo("REGULAR");
            CustomerEvent updated = IdentityTestSupport.customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, id, CustomerEvent.Type.CUSTOMER_UPDATED))
                    .get(0));
            assertThat(updated.tier()).isEqualTo("REGULAR");
        }
    }

    @Test
    void twoPeopleInOneFrameAreTwoCustomers() {
        String cam = camera("counter");
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 250, 5, person(2), person(3)));
        List<String> ids = customerIds(dataSource);
        assertThat(ids).hasSize(2);
        for (String id : ids) {
            assertThat(detail(id).getInt("customer.visitCount")).isEqualTo(1);
        }
        JsonPath presence = admin().queryParam("cameraId", cam)
                .get("/api/v1/presence")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> people = presence.getList("[0].people");
        assertThat(people).extracting(m -> m.get("customerId")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aPoorFaceNeverMakesACustomerButItsPassIsAnAnonymousVisitor() {
        Person blurry = RealFaces.all().stream()
                .filter(p -> p.quality() < 0.1f)
                .findFirst()
                .orElseThrow();
        String cam = camera("entrance");
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            awaitProcessed(dataSource, sendFrames(cam, store, t0, 200, 10, blurry));
            assertThat(customerIds(dataSource)).isEmpty();
            assertThat(count(dataSource, "SELECT COUNT(*) FROM tracks WHERE camera_id = ?", cam))
                    .isEqualTo(1);
            // too poor to be evidence of who it is: no face of it is stored
            assertThat(count(
                            dataSource,
                            "SELECT COUNT(*) FROM track_faces f JOIN tracks t ON t.id = f.track_id "
                                    + "WHERE t.camera_id = ?",
                            cam))
                    .isZero();
            // the camera clock still moved: a poor face is a frame like any other
            assertThat(count(dataSource, "SELECT COUNT(*) FROM camera_clocks WHERE camera_id = ?", cam))
                    .isEqualTo(1);

            // the person has gone: their pass counts in footfall, with the demographics seen, and no customer
            FaceObservationEvent empty = frame(cam, store, t0.plusSeconds(10), List.of());
            send(empty);
            awaitProcessed(dataSource, empty);
            VisitEvent pass = visit(visits.await(
                            1,
                            WAIT,
                            r -> visit(r).type() == VisitEvent.Type.ANONYMOUS_VISIT && cam.equals(visit(r).cameraId()))
                    .get(0));
            assertThat(pass.customerId()).isNull();
            assertThat(pass.tier()).isNull();
            assertThat(pass.storeId()).isEqualTo(store);
            assertThat(pass.startedAt()).isEqualTo(t0);
            assertThat(pass.endedAt()).isEqualTo(t0.plusMillis(1800));
            assertThat(pass.ageBand()).isEqualTo(blurry.face().ageBand());
            assertThat(pass.gender()).isEqualTo(blurry.face().gender().name());
        }
        assertThat(customerIds(dataSource)).isEmpty();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM tracks WHERE camera_id = ?", cam))
                .isZero();
    }

    @Test
    void aPassAtTheCounterOfAStoreWithAnEntranceCameraIsNotCountedTwice() {
        Person blurry = RealFaces.all().stream()
                .filter(p -> p.quality() < 0.1f)
                .findFirst()
                .orElseThrow();
        String entrance = camera("entrance");
        String counter = camera("counter");
        send(frame(entrance, store, t0, List.of()));
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            for (int i = 0; i < 10; i++) {
                send(frame(counter, "counter", store, t0.plusMillis(200L * i), List.of(blurry.view(i))));
            }
            FaceObservationEvent empty = frame(counter, "counter", store, t0.plusSeconds(10), List.of());
            send(empty);
            awaitProcessed(dataSource, empty);
            assertThat(visits.drain(Duration.ofSeconds(2)))
                    .filteredOn(r -> counter.equals(visit(r).cameraId()))
                    .isEmpty();
        }
    }

    @Test
    void aDuplicateEventCountsNothingTwice() {
        String cam = camera("entrance");
        Person p = person(4);
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            sendFrames(cam, store, t0, 300, 4, p);
            FaceObservationEvent fifth = frame(cam, store, t0.plusMillis(1500), List.of(p.view(1)));
            for (int i = 0; i < 3; i++) {
                send(fifth);
            }
            send(frame(cam, store, t0.plusSeconds(20), List.of()));
            FaceObservationEvent back = frame(cam, store, t0.plusSeconds(21), List.of(p.view(0)));
            send(back);
            send(back);
            FaceObservationEvent marker = frame(cam, store, t0.plusSeconds(22), List.of());
            send(marker);
            awaitProcessed(dataSource, marker);

            String id = onlyCustomer();
            JsonPath d = detail(id);
            assertThat(d.getInt("customer.visitCount")).isEqualTo(2);
            assertThat(d.getList("visits")).hasSize(2);
            assertThat(d.getList("recentSightings.frames", Integer.class)).containsExactlyInAnyOrder(1, 5);
            visits.await(2, WAIT, r -> isVisit(r, id, VisitEvent.Type.VISIT_STARTED));
            assertThat(visits.drain(Duration.ofSeconds(2)))
                    .filteredOn(r -> isVisit(r, id, VisitEvent.Type.VISIT_STARTED))
                    .hasSize(2);
        }
    }

    @Test
    void afterRestartTheGalleryAndCountsAreIntactAndThePersonIsRecognised() {
        String cam = camera("entrance");
        Person p = person(5);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 5, p));
        String id = onlyCustomer();
        int templates = galleryService.gallery().size();
        assertThat(templates).isPositive();

        // what a restart does: memory dropped, rebuilt from SQLite by the service's loader
        galleryService.gallery().clear();
        assertThat(nearest(p.view(0).descriptor())).isNull();
        galleryService.reload();
        assertThat(galleryService.gallery().size()).isEqualTo(templates);
        assertThat(nearest(p.view(2).descriptor())).isEqualTo(id);

        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        // one frame is enough for a known face: no track needed
        FaceObservationEvent back = frame(cam, store, t0.plusSeconds(21), List.of(p.view(1)));
        send(back);
        awaitProcessed(dataSource, back);
        assertThat(customerIds(dataSource)).containsExactly(id);
        assertThat(detail(id).getInt("customer.visitCount")).isEqualTo(2);
    }

    @Test
    void erasureLeavesNothingAndIsAnnounced() {
        String cam = camera("entrance");
        Person p = person(6);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 5, p));
        String id = onlyCustomer();
        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            admin().delete("/api/v1/customers/" + id).then().statusCode(204);
            CustomerEvent erased = IdentityTestSupport.customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, id, CustomerEvent.Type.CUSTOMER_ERASED))
                    .get(0));
            assertThat(erased.type()).isEqualTo(CustomerEvent.Type.CUSTOMER_ERASED);
            assertThat(erased.customerId()).isEqualTo(id);
        }
        for (String table : List.of(
                "customers WHERE id = ?",
                "templates WHERE customer_id = ?",
                "visits WHERE customer_id = ?",
                "sightings WHERE customer_id = ?",
                "customer_logs WHERE customer_id = ?",
                "tracks WHERE customer_id = ?",
                "outbox WHERE msg_key = ? AND event_type <> 'CUSTOMER_ERASED'",
                "outbox WHERE topic = 'face-identities' AND instr(payload, ?) > 0",
                "alerts WHERE customer_id = ?")) {
            assertThat(count(dataSource, "SELECT COUNT(*) FROM " + table, id))
                    .as(table)
                    .isZero();
        }
        assertThat(nearest(p.view(0).descriptor())).isNull();
        admin().get("/api/v1/customers/" + id).then().statusCode(404).body("error", containsString(id));
        admin().delete("/api/v1/customers/" + id).then().statusCode(404);
    }

    @Test
    void mergeAddsUpVisitsAndTheMergedFaceMatchesTheSurvivor() {
        String cam = camera("entrance");
        Person a = person(7);
        Person b = person(8);
        sendFrames(cam, store, t0, 300, 4, a);
        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        sendFrames(cam, store, t0.plusSeconds(21), 300, 2, a);
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(22), 300, 4, b));
        String idA = nearest(a.view(0).descriptor());
        String idB = nearest(b.view(0).descriptor());
        assertThat(idA).isNotNull().isNotEqualTo(idB);
        assertThat(detail(idA).getInt("customer.visitCount")).isEqualTo(2);
        assertThat(detail(idB).getInt("customer.visitCount")).isEqualTo(1);

        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            admin().contentType("application/json")
                    .body(Map.of("otherCustomerId", idB))
                    .post("/api/v1/customers/" + idA + "/merge")
                    .then()
                    .statusCode(200)
                    .body("visitCount", equalTo(3));
            CustomerEvent merged = IdentityTestSupport.customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, idA, CustomerEvent.Type.CUSTOMERS_MERGED))
                    .get(0));
            assertThat(merged.type()).isEqualTo(CustomerEvent.Type.CUSTOMERS_MERGED);
            assertThat(merged.mergedCustomerId()).isEqualTo(idB);
        }
        JsonPath d = detail(idA);
        assertThat(d.getList("visits.visitNumber", Integer.class)).containsExactly(1, 2, 3);
        assertThat(d.getInt("templateCount")).isBetween(2, 5);
        admin().get("/api/v1/customers/" + idB).then().statusCode(404);
        assertThat(customerIds(dataSource)).containsExactly(idA);
        assertThat(nearest(b.view(1).descriptor())).isEqualTo(idA);
        admin().contentType("application/json")
                .body(Map.of("otherCustomerId", idA))
                .post("/api/v1/customers/" + idA + "/merge")
                .then()
                .statusCode(400);
    }

    @Test
    void splitMovesTheVisitsWithTheirSightingsAndTemplatesToANewCustomer() {
        String cam = camera("entrance");
        Person a = person(7);
        Person b = person(8);
        sendFrames(cam, store, t0, 300, 4, a);
        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(21), 300, 4, b));
        String idA = nearest(a.view(0).descriptor());
        String idB = nearest(b.view(0).descriptor());
        String visitOfB = detail(idB).getString("visits[0].id");
        String sightingOfB = detail(idB).getString("recentSightings[0].id");
        // a wrong merge: b's visit now belongs to a
        admin().contentType("application/json")
                .body(Map.of("otherCustomerId", idB))
                .post("/api/v1/customers/" + idA + "/merge")
                .then()
                .statusCode(200)
                .body("visitCount", equalTo(2));
        assertThat(nearest(b.view(1).descriptor())).isEqualTo(idA);

        given().contentType("application/json")
                .body(Map.of("visitIds", List.of(visitOfB)))
                .post("/api/v1/customers/" + idA + "/split")
                .then()
                .statusCode(401);
        admin().contentType("application/json")
                .body(Map.of("visitIds", List.of("no-such-visit")))
                .post("/api/v1/customers/" + idA + "/split")
                .then()
                .statusCode(400)
                .body("error", containsString("no-such-visit"));
        admin().contentType("application/json")
                .body(Map.of())
                .post("/api/v1/customers/" + idA + "/split")
                .then()
                .statusCode(400);
        admin().contentType("application/json")
                .body(Map.of("visitIds", List.of(visitOfB)))
                .post("/api/v1/customers/no-such-customer/split")
                .then()
                .statusCode(404);

        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            // "not this person", named by the sighting: its whole visit goes
            JsonPath split = admin().contentType("application/json")
                    .body(Map.of("sightingIds", List.of(sightingOfB)))
                    .post("/api/v1/customers/" + idA + "/split")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String idC = split.getString("splitOff.id");
            assertThat(idC).isNotIn(idA, idB);
            assertThat(split.getInt("customer.visitCount")).isEqualTo(1);
            assertThat(split.getInt("splitOff.visitCount")).isEqualTo(1);
            assertThat(split.getString("splitOff.ageBand")).isEqualTo(b.face().ageBand());

            CustomerEvent event = IdentityTestSupport.customerEvent(customerEvents
                    .await(
                            1,
                            WAIT,
                            r -> IdentityTestSupport.customerEvent(r).type() == CustomerEvent.Type.CUSTOMER_SPLIT)
                    .get(0));
            assertThat(event.customerId()).isEqualTo(idC);
            assertThat(event.splitFromCustomerId()).isEqualTo(idA);
            assertThat(event.visitIds()).containsExactly(visitOfB);
            assertThat(event.sightingIds()).containsExactly(sightingOfB);
            customerEvents.await(1, WAIT, r -> isCustomerEvent(r, idA, CustomerEvent.Type.CUSTOMER_UPDATED));
        }
        JsonPath source = detail(idA);
        JsonPath splitOff = detail(idC(idA));
        assertThat(source.getList("visits.id", String.class)).doesNotContain(visitOfB);
        assertThat(source.getList("visits.visitNumber", Integer.class)).containsExactly(1);
        assertThat(splitOff.getList("visits.id", String.class)).containsExactly(visitOfB);
        assertThat(splitOff.getList("recentSightings.id", String.class)).containsExactly(sightingOfB);
        // the templates came from b's sighting and went with it: each face matches its own customer again
        assertThat(splitOff.getInt("templateCount")).isPositive();
        assertThat(count(
                        dataSource,
                        "SELECT COUNT(*) FROM templates WHERE customer_id = ? AND sighting_id = ?",
                        idA,
                        sightingOfB))
                .isZero();
        assertThat(nearest(b.view(1).descriptor())).isEqualTo(idC(idA));
        assertThat(nearest(a.view(1).descriptor())).isEqualTo(idA);
        // the only visit left cannot be split off: that would be erasure
        admin().contentType("application/json")
                .body(Map.of("visitIds", source.getList("visits.id")))
                .post("/api/v1/customers/" + idA + "/split")
                .then()
                .statusCode(400)
                .body("error", containsString("at least one visit"));
    }

    /** The customer split off {@code source}: the other one of the two left. */
    private String idC(String source) {
        return customerIds(dataSource).stream()
                .filter(id -> !id.equals(source))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anUndecidedTrackIsKeptInTheDatabaseSoARestartDecidesItTheSameWay() {
        String cam = camera("entrance");
        Person p = person(2);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 2, p));
        assertThat(customerIds(dataSource))
                .as("two faces are not enough for a new customer")
                .isEmpty();
        assertThat(count(
                        dataSource,
                        "SELECT COUNT(*) FROM track_faces f JOIN tracks t ON t.id = f.track_id "
                                + "WHERE t.camera_id = ?",
                        cam))
                .isEqualTo(2);

        // what a restart does: memory rebuilt from SQLite; the track continues from the database
        galleryService.reload();
        FaceObservationEvent third = frame(cam, store, t0.plusMillis(600), List.of(p.view(2)));
        send(third);
        awaitProcessed(dataSource, third);
        String id = onlyCustomer();
        JsonPath d = detail(id);
        assertThat(d.getString("visits[0].startedAt")).isEqualTo(t0.toString());
        assertThat(d.getInt("recentSightings[0].frames")).isEqualTo(3);
        // decided: the track keeps only its latest face, no longer the evidence of who it is
        assertThat(count(
                        dataSource,
                        "SELECT COUNT(*) FROM track_faces f JOIN tracks t ON t.id = f.track_id "
                                + "WHERE t.camera_id = ?",
                        cam))
                .isEqualTo(1);
    }

    @Test
    void onlyAReturnRecognisedBeyondDoubtTeachesTheCustomerANewLook() {
        // one person of the calibration set, photographed on different days
        Map<String, List<CalibrationFaces.Face>> people = CalibrationFaces.byIdentity(CalibrationFaces.Condition.PHOTO);
        double strong = config.matching().strongDistance();
        double accept = config.matching().acceptDistance();
        CalibrationFaces.Face first = null;
        CalibrationFaces.Face strongLook = null;
        CalibrationFaces.Face weakLook = null;
        for (List<CalibrationFaces.Face> own : people.values()) {
            CalibrationFaces.Face f = own.get(0);
            CalibrationFaces.Face s = own.stream()
                    .filter(o -> dist(o, f) >= 0.1 && dist(o, f) <= strong - 0.02)
                    .findFirst()
                    .orElse(null);
            CalibrationFaces.Face w = own.stream()
                    .filter(o -> dist(o, f) > strong + 0.01 && dist(o, f) < accept - 0.01)
                    .findFirst()
                    .orElse(null);
            if (s != null && w != null) {
                first = f;
                strongLook = s;
                weakLook = w;
                break;
            }
        }
        assertThat(first).as("a person with a strong and a weak second look").isNotNull();
        String cam = camera("entrance");
        awaitProcessed(dataSource, sendCalibration(cam, t0, first, 3));
        String id = onlyCustomer();
        assertThat(detail(id).getInt("templateCount")).isEqualTo(1);

        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        awaitProcessed(dataSource, sendCalibration(cam, t0.plusSeconds(21), weakLook, 3));
        assertThat(detail(id).getInt("customer.visitCount")).isEqualTo(2);
        assertThat(detail(id).getInt("templateCount"))
                .as("a return that is not beyond doubt teaches nothing")
                .isEqualTo(1);

        send(frame(cam, store, t0.plusSeconds(40), List.of()));
        awaitProcessed(dataSource, sendCalibration(cam, t0.plusSeconds(41), strongLook, 3));
        assertThat(detail(id).getInt("customer.visitCount")).isEqualTo(3);
        assertThat(detail(id).getInt("templateCount"))
                .as("a new look recognised beyond doubt is kept")
                .isEqualTo(2);
    }

    private static double dist(CalibrationFaces.Face a, CalibrationFaces.Face b) {
        return Descriptors.distance(a.descriptor(), b.descriptor());
    }

    private FaceObservationEvent sendCalibration(String cam, Instant start, CalibrationFaces.Face face, int frames) {
        FaceObservationEvent last = null;
        for (int i = 0; i < frames; i++) {
            last = frame(cam, store, start.plusMillis(300L * i), List.of(face.face()));
            send(last);
        }
        return last;
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndProcessingContinues() {
        String cam = camera("entrance");
        try (TopicReader dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.FACE_OBSERVATIONS))) {
            KafkaTestClient.send(Topics.FACE_OBSERVATIONS, cam, "{this is not an observation");
            FaceObservationEvent badDescriptor = frame(
                    cam,
                    store,
                    t0,
                    List.of(new FaceObservationEvent.Face(
                            person(0).face().box(),
                            0.9f,
                            null,
                            person(0).face().quality(),
                            new float[] {1, 2, 3},
                            30,
                            "30-39",
                            FaceObservationEvent.Gender.MALE,
                            0.9f)));
            send(badDescriptor);
            List<ConsumerRecord<String, byte[]>> dead = dlq.await(2, WAIT, r -> cam.equals(r.key()));
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetters.REASON)).contains("malformed JSON");
            assertThat(KafkaTestClient.header(dead.get(1), DeadLetters.REASON)).contains("128 values");
        }
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(1), 300, 4, person(9)));
        assertThat(customerIds(dataSource)).hasSize(1);
    }

    @Test
    void adminEditsTiersFiltersAndVipArrival() {
        String cam = camera("entrance");
        Person p = person(10);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, p));
        String id = onlyCustomer();

        given().get("/api/v1/customers").then().statusCode(401).body("error", containsString("login"));
        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS);
                TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            admin().contentType("application/json")
                    .body(Map.of("label", "Morning regular", "vip", true))
                    .patch("/api/v1/customers/" + id)
                    .then()
                    .statusCode(200)
                    .body("tier", equalTo("VIP"))
                    .body("label", equalTo("Morning regular"));
            CustomerEvent updated = IdentityTestSupport.customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, id, CustomerEvent.Type.CUSTOMER_UPDATED))
                    .get(0));
            assertThat(updated.vip()).isTrue();
            assertThat(updated.label()).isEqualTo("Morning regular");

            send(frame(cam, store, t0.plusSeconds(20), List.of()));
            awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(21), 300, 2, p));
            VisitEvent arrival = visit(visits.await(
                            1, WAIT, r -> isVisit(r, id, VisitEvent.Type.VISIT_STARTED) && visit(r).visitNumber() == 2)
                    .get(0));
            assertThat(arrival.vip()).isTrue();
            assertThat(arrival.visitNumber()).isEqualTo(2);
        }
        assertThat(detail(id).getList("logs.event", String.class)).contains("VIP arrived");

        admin().queryParam("tier", "VIP")
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id));
        admin().queryParam("tier", "LOYAL")
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        admin().queryParam("ageBand", p.face().ageBand())
                .queryParam("gender", p.face().gender().name())
                .queryParam("lastSeenFrom", t0.toString())
                .queryParam("sort", "-visitCount")
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        admin().queryParam("lastSeenTo", t0.toString())
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        admin().queryParam("tier", "GOLD")
                .get("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("error", containsString("tier"));
        admin().queryParam("lastSeenFrom", "yesterday")
                .get("/api/v1/customers")
                .then()
                .statusCode(400);
        admin().queryParam("customerId", id)
                .get("/api/v1/visits")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        admin().get("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("matching.acceptDistance", equalTo(0.54f))
                .body("presence.absenceThresholdSeconds", equalTo(10.0f))
                .body("state.customers", equalTo(1));
    }

    @Test
    void silentCamerasEndVisitsThroughTheSweeper() {
        String cam = camera("entrance");
        Person p = person(11);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, p));
        String id = onlyCustomer();
        try (TopicReader visits = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            long lag = config.presence().sweepLag().toMillis();
            // silence shorter than lag + threshold ends nothing
            sweeper.sweep(System.currentTimeMillis() + lag + 3_000);
            assertThat(detail(id).getString("visits[0].endedAt")).isNull();
            // longer: the silent camera's clock has run on, the visit is over
            sweeper.sweep(System.currentTimeMillis() + lag + 60_000);
            VisitEvent ended = visit(visits.await(1, WAIT, r -> isVisit(r, id, VisitEvent.Type.VISIT_ENDED))
                    .get(0));
            assertThat(ended.endedAt()).isEqualTo(t0.plusMillis(900));
        }
        admin().queryParam("cameraId", cam)
                .get("/api/v1/presence")
                .then()
                .statusCode(200)
                .body("[0].people.size()", equalTo(0));
    }

    @Test
    void aCameraBehindHoldsTheStoreClockForTheSweeperToo() {
        // After an outage each camera's backlog arrives on its own: here the entrance's has run 30 s ahead while the
        // counter's, where the person walks to next, is still at t0. Neither the observations nor the sweeper may end
        // her visit before the counter's frames are in (the store's clock is the earliest of its cameras').
        String entrance = camera("entrance");
        String counter = camera("counter");
        Person p = person(6);
        send(frame(counter, store, t0, List.of()));
        sendFrames(entrance, store, t0, 500, 4, p);
        FaceObservationEvent ahead = null;
        for (int s = 3; s <= 30; s++) {
            ahead = frame(entrance, store, t0.plusSeconds(s), List.of());
            send(ahead);
        }
        awaitProcessed(dataSource, ahead);
        String id = onlyCustomer();
        sweeper.sweep(System.currentTimeMillis());
        assertThat(detail(id).getString("visits[0].endedAt"))
                .as("visit still open")
                .isNull();

        awaitProcessed(dataSource, sendFrames(counter, store, t0.plusSeconds(3), 500, 4, p));
        JsonPath d = detail(id);
        assertThat(d.getInt("customer.visitCount")).isEqualTo(1);
        assertThat(d.getList("visits")).hasSize(1);
        assertThat(d.getList("recentSightings.cameraId", String.class)).containsExactlyInAnyOrder(entrance, counter);

        // A camera that goes silent holds nothing for long: its clock runs on with the wall clock.
        sweeper.sweep(System.currentTimeMillis() + config.presence().sweepLag().toMillis() + 60_000);
        assertThat(detail(id).getString("visits[0].endedAt"))
                .as("visit ended once both cameras went silent")
                .isNotNull();
        assertThat(detail(id).getInt("customer.visitCount")).isEqualTo(1);
    }

    @Test
    void retentionErasesCustomersNotSeenForTheRetentionPeriod() {
        String cam = camera("entrance");
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, person(3)));
        String id = onlyCustomer();
        assertThat(retention.eraseExpired(Instant.now())).isZero();
        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            assertThat(retention.eraseExpired(
                            Instant.now().plus(config.retention()).plusSeconds(60)))
                    .isEqualTo(1);
            CustomerEvent erased = IdentityTestSupport.customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, id, CustomerEvent.Type.CUSTOMER_ERASED))
                    .get(0));
            assertThat(erased.reason()).startsWith("retention");
        }
        assertThat(customerIds(dataSource)).isEmpty();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM templates WHERE customer_id = ?", id))
                .isZero();
    }
}
