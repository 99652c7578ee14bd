package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.identity.CalibrationFaces.Condition;
import io.storesight.identity.CalibrationFaces.Face;
import io.storesight.identity.service.CustomerService;
import io.storesight.testsupport.Calibration;
import io.storesight.testsupport.ReturningVisits;

/**
 * A store's day of returning customers through the real broker and identity-service: every person of the calibration
 * set comes in once on some of their photos and comes back later on their <em>other</em> photos, seen smaller (150 px
 * face crops), with gaps longer than the absence threshold; some passes have two people in the frame. Faces are the
 * real engine's descriptors of those photos. Asserted the way a store owner would judge it: how many customers per
 * person, how many returns recognised, and no customer holding two people.
 */
@QuarkusTest
class ReturningCustomersScenarioTest {
    private static final FaceObservationEvent.Box LEFT = new FaceObservationEvent.Box(300, 200, 160, 200);
    private static final FaceObservationEvent.Box RIGHT = new FaceObservationEvent.Box(820, 200, 160, 200);
    private static final int FRAMES_PER_PASS = 6;
    private static final long FRAME_MILLIS = 250;
    /** Longer than the 10 s absence threshold: every pass is a visit of its own. */
    private static final long GAP_MILLIS = 15_000;

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    /** Who stood where in which pass: the ground truth a customer's sightings are checked against. */
    private record Slot(int pass, FaceObservationEvent.Box box) {}

    private final Map<Slot, String> truth = new LinkedHashMap<>();
    private final List<Instant> passStarts = new ArrayList<>();

    @BeforeEach
    void reset() {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
    }

    @Test
    void peopleComingBackOnOtherPhotosAreRecognisedAndNeverMerged() {
        Map<String, List<Face>> photos = CalibrationFaces.byIdentity(Condition.PHOTO);
        Map<String, List<Face>> small = CalibrationFaces.byIdentity(Condition.SMALL_CROP);
        List<String> people = new ArrayList<>(photos.keySet());
        assertThat(people).hasSizeGreaterThanOrEqualTo(10);

        // The first visit shows the first half of each person's photos, the return (seen smaller) only the others.
        Map<String, List<Face>> firstLook = new LinkedHashMap<>();
        Map<String, List<Face>> returnLook = new LinkedHashMap<>();
        ReturningVisits.firstLooks().forEach((person, shown) -> firstLook.put(person, faces(photos, person, shown)));
        ReturningVisits.returnLooks().forEach((person, shown) -> {
            returnLook.put(person, faces(small, person, shown));
            assertThat(returnLook.get(person))
                    .as("%s has return photos", person)
                    .isNotEmpty();
        });

        String cam = camera("entrance");
        String store = camera("store");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Morning: everyone's first visit; every third pass brings the next person along.
        List<List<String>> morning = ReturningVisits.passes(people, 3);
        // Afternoon: everyone comes back, in reverse order, paired differently.
        List<String> reversed = new ArrayList<>(people);
        java.util.Collections.reverse(reversed);
        List<List<String>> afternoon = ReturningVisits.passes(reversed, 4);
        for (List<String> group : morning) {
            pass(cam, store, t, group, firstLook);
            t = t.plusMillis(GAP_MILLIS);
        }
        int firstAfternoonPass = passStarts.size();
        for (List<String> group : afternoon) {
            pass(cam, store, t, group, returnLook);
            t = t.plusMillis(GAP_MILLIS);
        }
        FaceObservationEvent closing = frame(cam, store, t, List.of());
        send(closing);
        awaitProcessed(dataSource, closing);

        // Which people each customer holds, from when and where in the frame their sightings were.
        Map<String, Set<String>> peopleOf = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> customerOfPass = new LinkedHashMap<>();
        for (Object[] sighting : sightings(cam)) {
            String id = (String) sighting[0];
            int pass = passAt(Instant.ofEpochMilli((Long) sighting[1]));
            String person = personAt(pass, (Float) sighting[2]);
            peopleOf.computeIfAbsent(id, k -> new HashSet<>()).add(person);
            customerOfPass
                    .computeIfAbsent(person, k -> new java.util.TreeMap<>())
                    .put(pass, id);
        }
        assertThat(peopleOf.keySet()).containsExactlyInAnyOrderElementsOf(customerIds(dataSource));
        int recognised = 0;
        List<String> missed = new ArrayList<>();
        for (String person : people) {
            Map<Integer, String> passes = customerOfPass.getOrDefault(person, Map.of());
            String morningCustomer = passes.entrySet().stream()
                    .filter(e -> e.getKey() < firstAfternoonPass)
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            String afternoonCustomer = passes.entrySet().stream()
                    .filter(e -> e.getKey() >= firstAfternoonPass)
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (morningCustomer != null && morningCustomer.equals(afternoonCustomer)) {
                recognised++;
            } else {
                missed.add(person + " (morning " + morningCustomer + ", afternoon " + afternoonCustomer + ")");
            }
        }
        System.out.printf(
                "scenario: %d people, %d customers, %d of %d returns recognised; missed: %s%n",
                people.size(), peopleOf.size(), recognised, people.size(), missed);

        assertThat(peopleOf)
                .allSatisfy((customer, held) -> assertThat(held)
                        .as("people held by customer %s", customer)
                        .hasSize(1));
        assertThat(peopleOf.size())
                .as("customers created for %d people", people.size())
                .isLessThanOrEqualTo((int) Math.floor(people.size() * 1.1));
        assertThat(recognised).as("returns recognised; missed: %s", missed).isGreaterThanOrEqualTo((int)
                Math.ceil(people.size() * 0.9));
    }

    /** The faces the engine found in {@code shown} photos of {@code person} under one condition. */
    private static List<Face> faces(Map<String, List<Face>> faces, String person, List<Calibration.Photo> shown) {
        Set<String> files = new HashSet<>();
        shown.forEach(p -> files.add(p.file()));
        return faces.getOrDefault(person, List.of()).stream()
                .filter(f -> files.contains(f.file()))
                .toList();
    }

    /** One pass: the group in view for a few frames, each frame another of their photos; then nobody. */
    private void pass(String cam, String store, Instant start, List<String> group, Map<String, List<Face>> looks) {
        int pass = passStarts.size();
        passStarts.add(start);
        List<FaceObservationEvent.Box> boxes = List.of(LEFT, RIGHT);
        for (int g = 0; g < group.size(); g++) {
            truth.put(new Slot(pass, boxes.get(g)), group.get(g));
        }
        for (int k = 0; k < FRAMES_PER_PASS; k++) {
            List<FaceObservationEvent.Face> faces = new ArrayList<>();
            for (int g = 0; g < group.size(); g++) {
                List<Face> own = looks.get(group.get(g));
                FaceObservationEvent.Face f = own.get(k % own.size()).face();
                faces.add(new FaceObservationEvent.Face(
                        boxes.get(g),
                        f.score(),
                        f.keypoints(),
                        f.quality(),
                        f.descriptor().clone(),
                        f.age(),
                        f.ageBand(),
                        f.gender(),
                        f.genderConfidence()));
            }
            send(frame(cam, store, start.plusMillis(k * FRAME_MILLIS), faces));
        }
        send(frame(cam, store, start.plusMillis(FRAMES_PER_PASS * FRAME_MILLIS + 4_000), List.of()));
    }

    private int passAt(Instant time) {
        for (int p = passStarts.size() - 1; p >= 0; p--) {
            if (!time.isBefore(passStarts.get(p))) {
                return p;
            }
        }
        throw new AssertionError("a sighting at " + time + " before the first pass");
    }

    private String personAt(int pass, float boxX) {
        for (Map.Entry<Slot, String> slot : truth.entrySet()) {
            if (slot.getKey().pass() == pass && slot.getKey().box().x() == boxX) {
                return slot.getValue();
            }
        }
        throw new AssertionError("nobody stood at x=" + boxX + " in pass " + pass);
    }

    /** Every sighting at the camera: customer, start, and where the face was. */
    private List<Object[]> sightings(String cam) {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT customer_id, started_at, box_x FROM sightings WHERE camera_id = ?")) {
            s.setString(1, cam);
            List<Object[]> out = new ArrayList<>();
            try (java.sql.ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(new Object[] {rows.getString(1), rows.getLong(2), rows.getFloat(3)});
                }
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
