package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.FaceObservationEvent.Box;
import io.storesight.identity.CalibrationFaces.Condition;
import io.storesight.identity.CalibrationFaces.Face;

/**
 * The tracker's rules, on real descriptors of the calibration set: two photos of one person taken on different days
 * look alike to it, two people do not.
 */
class TrackerTest {
    private static final Tracker TRACKER = new Tracker(new Tracker.Settings(3_000, 0.575, 0.45, 1.5));
    private static final Place DOOR = new Place("door", "entrance", "store-1");
    private static final Box LEFT = new Box(100, 200, 120, 150);
    private static final Box LEFT_MOVED = new Box(150, 210, 120, 150);
    private static final Box RIGHT = new Box(900, 200, 120, 150);

    private static final Map<String, List<Face>> PEOPLE = CalibrationFaces.byIdentity(Condition.PHOTO);

    private static Observation face(Face photo, Box box, long time, String frame) {
        return new Observation(
                frame,
                time,
                photo.descriptor(),
                photo.quality(),
                photo.face().age(),
                photo.face().gender(),
                photo.face().genderConfidence(),
                box,
                1280,
                720);
    }

    private static Face photo(String person, int index) {
        return PEOPLE.get(person).get(index);
    }

    private static Track trackOf(Face photo, Box box, long time) {
        return Track.start("t-" + photo.file(), DOOR, face(photo, box, time, "f0"), true);
    }

    @Test
    void aFaceNearTheTrackThatLooksLikeItsPersonContinuesIt() {
        Track ann = trackOf(photo("person01", 0), LEFT, 0);
        Tracker.Step step = TRACKER.associate(
                List.of(ann), List.of(face(photo("person01", 1), LEFT_MOVED, 200, "f1")), List.of(true), 200);
        assertThat(step.assignments()).extracting(Tracker.Assignment::track).containsExactly(ann);
        assertThat(step.ended()).isEmpty();
    }

    @Test
    void someoneElseAtTheSameSpotStartsANewTrack() {
        Track ann = trackOf(photo("person01", 0), LEFT, 0);
        Tracker.Step step = TRACKER.associate(
                List.of(ann), List.of(face(photo("person02", 0), LEFT, 200, "f1")), List.of(true), 200);
        assertThat(step.assignments().get(0).track()).isNull();
    }

    @Test
    void twoPeopleInOneFrameAreTwoTracksEvenWhenBothMatchOne() {
        Track ann = trackOf(photo("person01", 0), LEFT, 0);
        Observation annAgain = face(photo("person01", 2), LEFT_MOVED, 200, "f1");
        Observation bob = face(photo("person03", 0), RIGHT, 200, "f1");
        Tracker.Step step = TRACKER.associate(List.of(ann), List.of(bob, annAgain), List.of(true, true), 200);
        assertThat(step.assignments().get(0).track()).as("bob").isNull();
        assertThat(step.assignments().get(1).track()).as("ann").isEqualTo(ann);

        // and a track takes one face per frame: two faces of the same person never both continue it
        Observation annTwice = face(photo("person01", 3), LEFT, 200, "f1");
        Tracker.Step twice = TRACKER.associate(List.of(ann), List.of(annAgain, annTwice), List.of(true, true), 200);
        assertThat(twice.assignments()).filteredOn(a -> a.track() != null).hasSize(1);
    }

    @Test
    void aTrackUnseenForLongerThanTheGapHasEnded() {
        Track ann = trackOf(photo("person01", 0), LEFT, 0);
        Tracker.Step within = TRACKER.associate(List.of(ann), List.of(), List.of(), 3_000);
        assertThat(within.ended()).isEmpty();
        Tracker.Step after = TRACKER.associate(
                List.of(ann), List.of(face(photo("person01", 1), LEFT, 3_001, "f1")), List.of(true), 3_001);
        assertThat(after.ended()).containsExactly(ann);
        assertThat(after.assignments().get(0).track())
                .as("the same person after the gap: a new track")
                .isNull();
    }

    @Test
    void aFaceVeryLikeTheTrackContinuesItAnywhereInTheFrame() {
        Face ann = photo("person01", 0);
        Track track = trackOf(ann, LEFT, 0);
        Tracker.Step step = TRACKER.associate(List.of(track), List.of(face(ann, RIGHT, 200, "f1")), List.of(true), 200);
        assertThat(step.assignments().get(0).track()).isEqualTo(track);
    }

    @Test
    void aLikeFaceFarAwayThatIsNotUnmistakableStartsANewTrack() {
        // two photos of one person taken on different days are alike, but not alike enough to jump across the frame
        Face first = photo("person01", 0);
        Face other = PEOPLE.get("person01").stream()
                .filter(f -> Descriptors.distance(f.descriptor(), first.descriptor()) > 0.45)
                .findFirst()
                .orElseThrow();
        Tracker.Step step = TRACKER.associate(
                List.of(trackOf(first, LEFT, 0)), List.of(face(other, RIGHT, 200, "f1")), List.of(true), 200);
        assertThat(step.assignments().get(0).track()).isNull();
    }

    @Test
    void aPoorFaceContinuesATrackByPositionAlone() {
        Track ann = trackOf(photo("person01", 0), LEFT, 0);
        // its descriptor is not trusted, whatever it says: someone else's stands in for an unreliable one
        Observation poor = face(photo("person02", 0), LEFT_MOVED, 200, "f1");
        Tracker.Step step = TRACKER.associate(List.of(ann), List.of(poor), List.of(false), 200);
        assertThat(step.assignments().get(0).track()).isEqualTo(ann);
        Tracker.Step far = TRACKER.associate(
                List.of(ann), List.of(face(photo("person02", 0), RIGHT, 200, "f1")), List.of(false), 200);
        assertThat(far.assignments().get(0).track()).isNull();
    }
}
