package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.storesight.identity.CalibrationFaces.Condition;
import io.storesight.identity.CalibrationFaces.Face;
import io.storesight.identity.TrackDecider.Decision;
import io.storesight.identity.TrackDecider.Outcome;

/**
 * The track decider's rules. Customers are enrolled from one calibration photo each; tracks are other photos of the
 * same or other people, taken on other days (the real engine's descriptors, never copies of an enrolled photo).
 */
class TrackDeciderTest {
    private static final TrackDecider.Settings DEFAULTS = new TrackDecider.Settings(0.54, 0.05, 0.475, 0.575, 2, 3);
    private static final TrackDecider DECIDER = new TrackDecider(DEFAULTS);
    private static final Map<String, List<Face>> PEOPLE = CalibrationFaces.byIdentity(Condition.PHOTO);

    /** Every person but {@code absent} enrolled with their first photo. */
    private static Gallery galleryWithout(String... absent) {
        Gallery gallery = new Gallery(1);
        long id = 0;
        for (Map.Entry<String, List<Face>> person : PEOPLE.entrySet()) {
            if (!List.of(absent).contains(person.getKey())) {
                gallery.add(person.getKey(), id++, person.getValue().get(0).descriptor());
            }
        }
        return gallery;
    }

    /** The track's faces as the decider sees them: each face's distance to every enrolled customer. */
    private static List<Map<String, Double>> distances(Gallery gallery, List<Face> faces) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (Face face : faces) {
            Map<String, Double> d = new HashMap<>();
            gallery.nearest(face.descriptor(), 100).forEach(c -> d.put(c.customerId(), c.distance()));
            out.add(d);
        }
        return out;
    }

    private static List<Face> frames(Face face, int n) {
        List<Face> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(face);
        }
        return out;
    }

    /** A return of {@code person} on a photo other than the enrolled one, within {@code [min, max]} of it. */
    private static Face returnBetween(Gallery gallery, double min, double max) {
        for (Map.Entry<String, List<Face>> person : PEOPLE.entrySet()) {
            for (Face face : person.getValue().subList(1, person.getValue().size())) {
                double d = gallery.distance(person.getKey(), face.descriptor());
                if (d >= min
                        && d <= max
                        && gallery.nearest(face.descriptor(), 2).get(1).distance() - d >= 0.05) {
                    return face;
                }
            }
        }
        throw new AssertionError("the calibration set has no return between " + min + " and " + max);
    }

    @Test
    void aReturnOnADifferentPhotoIsAcceptedAsItsCustomer() {
        Gallery gallery = galleryWithout();
        int accepted = 0;
        int returns = 0;
        for (Map.Entry<String, List<Face>> person : PEOPLE.entrySet()) {
            for (Face face : person.getValue().subList(1, person.getValue().size())) {
                Decision d = DECIDER.decide(distances(gallery, frames(face, 3)), Set.of(), false);
                returns++;
                if (d.outcome() == Outcome.ACCEPT) {
                    assertThat(d.customerId()).as(face.file()).isEqualTo(person.getKey());
                    accepted++;
                }
                assertThat(d.outcome()).as(face.file()).isNotEqualTo(Outcome.NEW_CUSTOMER);
            }
        }
        assertThat(accepted).as("returns recognised of %d", returns).isGreaterThanOrEqualTo((int) (returns * 0.9));
    }

    @Test
    void aStrangerBecomesANewCustomerOnlyAfterEnoughFaces() {
        Gallery gallery = galleryWithout("person05");
        Face stranger = PEOPLE.get("person05").get(1);
        assertThat(DECIDER.decide(distances(gallery, frames(stranger, 2)), Set.of(), false)
                        .outcome())
                .isEqualTo(Outcome.UNDECIDED);
        Decision d = DECIDER.decide(distances(gallery, frames(stranger, 3)), Set.of(), false);
        assertThat(d.outcome()).isEqualTo(Outcome.NEW_CUSTOMER);
        assertThat(d.distance()).isGreaterThan(DEFAULTS.newPersonDistance());
    }

    @Test
    void aTrackBetweenTheAcceptAndTheNewPersonDistanceWaits() {
        Gallery gallery = galleryWithout();
        Face face = PEOPLE.get("person01").get(1);
        double own = gallery.distance("person01", face.descriptor());
        // the same faces judged with an accept distance just below their distance: close to a customer, not close
        // enough to be them, and too close to be anybody new
        TrackDecider strict =
                new TrackDecider(new TrackDecider.Settings(own - 0.01, 0.05, own - 0.02, own + 0.05, 2, 3));
        Decision d = strict.decide(distances(gallery, frames(face, 6)), Set.of(), false);
        assertThat(d.outcome()).isEqualTo(Outcome.UNDECIDED);
        assertThat(d.nearKnown()).isTrue();
        assertThat(d.best()).isEqualTo("person01");
    }

    @Test
    void aTrackThatEverCameCloseToACustomerNeverBecomesNew() {
        Gallery gallery = galleryWithout("person05");
        Face stranger = PEOPLE.get("person05").get(1);
        Decision d = DECIDER.decide(distances(gallery, frames(stranger, 6)), Set.of(), true);
        assertThat(d.outcome()).isEqualTo(Outcome.UNDECIDED);
    }

    @Test
    void aRunnerUpWithinTheMarginLeavesTheTrackUndecided() {
        Gallery gallery = galleryWithout();
        Face face = PEOPLE.get("person02").get(1);
        double own = gallery.distance("person02", face.descriptor());
        // a second customer enrolled with a photo of the same person: two customers equally close
        gallery.add("person02-twin", 999, PEOPLE.get("person02").get(2).descriptor());
        double twin = gallery.distance("person02-twin", face.descriptor());
        assertThat(Math.abs(twin - own)).isLessThan(0.2);
        TrackDecider wideMargin =
                new TrackDecider(new TrackDecider.Settings(0.54, Math.abs(twin - own) + 0.01, 0.475, 0.575, 2, 3));
        assertThat(wideMargin
                        .decide(distances(gallery, frames(face, 3)), Set.of(), false)
                        .outcome())
                .isEqualTo(Outcome.UNDECIDED);
    }

    @Test
    void aCustomerHeldByAnotherTrackIsNotACandidate() {
        Gallery gallery = galleryWithout();
        Face face = PEOPLE.get("person03").get(1);
        Decision free = DECIDER.decide(distances(gallery, frames(face, 3)), Set.of(), false);
        assertThat(free.customerId()).isEqualTo("person03");
        Decision taken = DECIDER.decide(distances(gallery, frames(face, 3)), Set.of("person03"), false);
        assertThat(taken.outcome()).isNotEqualTo(Outcome.ACCEPT);
        assertThat(taken.outcome()).as("still close to a customer: never new").isNotEqualTo(Outcome.NEW_CUSTOMER);
    }

    @Test
    void theMedianOutvotesOneOddFrame() {
        Gallery gallery = galleryWithout();
        List<Face> ann = PEOPLE.get("person01");
        Face someoneElse = PEOPLE.get("person04").get(1);
        List<Face> track = List.of(ann.get(1), someoneElse, ann.get(2));
        Decision d = DECIDER.decide(distances(gallery, track), Set.of(), false);
        assertThat(d.outcome()).isEqualTo(Outcome.ACCEPT);
        assertThat(d.customerId()).isEqualTo("person01");
    }

    @Test
    void aWeakMatchNeedsTwoFacesAStrongOneDecidesAtOnce() {
        Gallery gallery = galleryWithout();
        Face weak = returnBetween(gallery, DEFAULTS.strongDistance() + 0.005, DEFAULTS.acceptDistance());
        assertThat(DECIDER.decide(distances(gallery, frames(weak, 1)), Set.of(), false)
                        .outcome())
                .isEqualTo(Outcome.UNDECIDED);
        Decision twice = DECIDER.decide(distances(gallery, frames(weak, 2)), Set.of(), false);
        assertThat(twice.outcome()).isEqualTo(Outcome.ACCEPT);
        assertThat(twice.strong()).isFalse();

        Face strong = returnBetween(gallery, 0, DEFAULTS.strongDistance());
        Decision once = DECIDER.decide(distances(gallery, frames(strong, 1)), Set.of(), false);
        assertThat(once.outcome()).isEqualTo(Outcome.ACCEPT);
        assertThat(once.strong()).isTrue();
    }

    @Test
    void withoutAnyCustomerEnoughGoodFacesMakeTheFirstCustomer() {
        Face face = PEOPLE.get("person01").get(0);
        Decision d = DECIDER.decide(distances(new Gallery(1), frames(face, 3)), Set.of(), false);
        assertThat(d.outcome()).isEqualTo(Outcome.NEW_CUSTOMER);
        assertThat(DECIDER.decide(List.of(), Set.of(), false).outcome()).isEqualTo(Outcome.UNDECIDED);
    }
}
