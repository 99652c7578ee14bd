package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.FaceObservationEvent.Box;
import io.storesight.identity.CalibrationFaces.Condition;
import io.storesight.identity.CalibrationFaces.Face;
import io.storesight.identity.TemplatePolicy.Change;

/** Which faces become templates, on real descriptors of different photos of the calibration set's people. */
class TemplatePolicyTest {
    private static final double ACCEPT = 0.54;
    private static final double MARGIN = 0.05;
    private static final TemplatePolicy POLICY = new TemplatePolicy(new TemplatePolicy.Settings(5, 0.1, 0.3));
    private static final Map<String, List<Face>> PEOPLE = CalibrationFaces.byIdentity(Condition.PHOTO);

    private static Observation observation(Face face) {
        return new Observation(
                face.file(),
                0,
                face.descriptor(),
                face.quality(),
                face.face().age(),
                face.face().gender(),
                face.face().genderConfidence(),
                new Box(0, 0, 100, 100),
                640,
                480);
    }

    private static Template template(long id, Face face) {
        return new Template(id, face.identity(), face.descriptor(), face.quality(), "s-" + id);
    }

    /** Photos of the person good enough to be templates, best first. */
    private static List<Face> goodPhotos(String person) {
        return PEOPLE.get(person).stream()
                .filter(f -> f.quality() >= 0.3)
                .sorted(Comparator.comparingDouble(Face::quality).reversed())
                .toList();
    }

    private static Optional<Change> consider(List<Template> current, Face face, double other) {
        double own = current.stream()
                .mapToDouble(t -> Descriptors.distance(t.descriptor(), face.descriptor()))
                .min()
                .orElseThrow();
        return POLICY.consider(current, observation(face), own, other, ACCEPT, MARGIN);
    }

    @Test
    void aSecondTemplateIsAddedFromANewLook() {
        List<Face> photos = goodPhotos("person01");
        List<Template> current = List.of(template(1, photos.get(0)));
        Face newLook = photos.stream()
                .skip(1)
                .filter(f -> {
                    double d =
                            Descriptors.distance(f.descriptor(), photos.get(0).descriptor());
                    return d >= 0.1 && d <= ACCEPT - MARGIN;
                })
                .findFirst()
                .orElseThrow();
        Optional<Change> change = consider(current, newLook, 0.9);
        assertThat(change).isPresent();
        assertThat(change.get().face().frameId()).isEqualTo(newLook.file());
        assertThat(change.get().replaced()).isNull();
    }

    @Test
    void theWorstIsReplacedWhenFull() {
        List<Face> photos = goodPhotos("person01");
        TemplatePolicy two = new TemplatePolicy(new TemplatePolicy.Settings(2, 0.1, 0.3));
        // the two weakest photos are the templates; the best one comes back
        Face best = photos.get(0);
        List<Template> current =
                List.of(template(1, photos.get(photos.size() - 1)), template(2, photos.get(photos.size() - 2)));
        double own = current.stream()
                .mapToDouble(t -> Descriptors.distance(t.descriptor(), best.descriptor()))
                .min()
                .orElseThrow();
        assertThat(own).as("the best photo is a new look to the two weakest").isBetween(0.1, ACCEPT - MARGIN);
        Optional<Change> change = two.consider(current, observation(best), own, 0.9, ACCEPT, MARGIN);
        assertThat(change).isPresent();
        Template worst = current.stream()
                .min(Comparator.comparingDouble(Template::quality))
                .orElseThrow();
        assertThat(change.get().replaced()).isEqualTo(worst);

        // a face no better than the worst template replaces nothing
        Template better = new Template(3, "person01", photos.get(1).descriptor(), 1.0f, "s-3");
        Template alsoBetter = new Template(4, "person01", photos.get(2).descriptor(), 1.0f, "s-4");
        assertThat(two.consider(List.of(better, alsoBetter), observation(best), 0.2, 0.9, ACCEPT, MARGIN))
                .isEmpty();
    }

    @Test
    void anAmbiguousFaceNeverBecomesATemplate() {
        List<Face> photos = goodPhotos("person02");
        Face face = photos.get(1);
        List<Template> current = List.of(template(1, photos.get(0)));
        double own = Descriptors.distance(face.descriptor(), photos.get(0).descriptor());
        // another customer just as close: a face that could be either of them teaches neither
        assertThat(POLICY.consider(current, observation(face), own, own + MARGIN / 2, ACCEPT, MARGIN))
                .isEmpty();
        // a face beyond the accept distance of its own customer is no evidence either
        assertThat(POLICY.consider(current, observation(face), ACCEPT + 0.01, 0.9, ACCEPT, MARGIN))
                .isEmpty();
        // the same face, unambiguous, would have been one
        assertThat(POLICY.consider(current, observation(face), own, 0.9, ACCEPT, MARGIN))
                .isPresent();
    }

    @Test
    void aFaceLikeAnExistingTemplateAddsNothing() {
        Face face = goodPhotos("person03").get(0);
        assertThat(consider(List.of(template(1, face)), face, 0.9)).isEmpty();
    }

    @Test
    void aPoorFaceNeverBecomesATemplate() {
        // a small, blurred face of a group photo (every calibration photo is good)
        RealFaces.Person blurry = RealFaces.all().stream()
                .filter(p -> p.quality() < 0.3f)
                .findFirst()
                .orElseThrow();
        Observation poor = new Observation(
                "blurry",
                0,
                blurry.face().descriptor(),
                blurry.quality(),
                blurry.face().age(),
                blurry.face().gender(),
                blurry.face().genderConfidence(),
                blurry.face().box(),
                blurry.imageWidth(),
                blurry.imageHeight());
        Face other = goodPhotos("person01").get(0);
        assertThat(POLICY.consider(List.of(template(1, other)), poor, 0.3, 0.9, ACCEPT, MARGIN))
                .isEmpty();
    }

    @Test
    void aNewCustomersFirstTemplatesAreTheBestFacesThatDifferFromEachOther() {
        List<Face> photos = new ArrayList<>(PEOPLE.get("person01"));
        List<Observation> track = new ArrayList<>();
        photos.forEach(p -> track.add(observation(p)));
        track.add(observation(photos.get(0)));
        TemplatePolicy three = new TemplatePolicy(new TemplatePolicy.Settings(3, 0.1, 0.3));
        List<Observation> picked = three.initial(track);
        assertThat(picked).hasSize(3);
        assertThat(picked.get(0).quality()).isEqualTo((float)
                photos.stream().mapToDouble(Face::quality).max().orElseThrow());
        for (int i = 0; i < picked.size(); i++) {
            for (int j = i + 1; j < picked.size(); j++) {
                assertThat(Descriptors.distance(
                                picked.get(i).descriptor(), picked.get(j).descriptor()))
                        .isGreaterThanOrEqualTo(0.1f);
            }
        }
    }
}
