package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.storesight.testsupport.Slow;

class GalleryTest {
    /** Large enough for the index and for the parallel scan of its sketches. */
    private static final int LARGE = 70_000;

    private static float[] random(Random random) {
        return FaceLikeDescriptors.unstructured(random, 0.1f);
    }

    private static float[] near(float[] face, Random random, float sigma) {
        float[] v = face.clone();
        for (int d = 0; d < v.length; d++) {
            v[d] += (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    /** The reference: every template by a plain loop, so nothing of the gallery's own code is trusted. */
    private static final class PlainLoop {
        final List<float[]> templates = new ArrayList<>();
        final List<String> owners = new ArrayList<>();

        /** {@code count} random templates, {@code perCustomer} to a customer. */
        static PlainLoop random(Random random, int count, int perCustomer) {
            PlainLoop loop = new PlainLoop();
            for (int i = 0; i < count; i++) {
                loop.add("c" + (i / perCustomer), GalleryTest.random(random));
            }
            return loop;
        }

        void add(String owner, float[] template) {
            templates.add(template);
            owners.add(owner);
        }

        void addTo(Gallery gallery) {
            for (int i = 0; i < templates.size(); i++) {
                gallery.add(owners.get(i), i, templates.get(i));
            }
        }

        /** Every owner at its nearest template, nearest first. */
        List<Candidate> all(float[] q) {
            Map<String, Double> nearest = new HashMap<>();
            for (int i = 0; i < templates.size(); i++) {
                nearest.merge(owners.get(i), (double) Descriptors.distance(templates.get(i), q), Math::min);
            }
            List<Candidate> all = new ArrayList<>();
            nearest.forEach((owner, d) -> all.add(new Candidate(owner, d)));
            all.sort(Comparator.comparingDouble(Candidate::distance));
            return all;
        }
    }

    /**
     * Recall@1 of the gallery against the plain loop over {@code queries}, after checking that every customer the
     * gallery returns is in order and at their exact distance, as {@link Gallery#distance} also says.
     */
    private static double recallAtOne(Gallery gallery, PlainLoop reference, List<float[]> queries) {
        int hits = 0;
        for (float[] q : queries) {
            List<Candidate> expected = reference.all(q);
            Map<String, Double> exact = new HashMap<>();
            expected.forEach(c -> exact.put(c.customerId(), c.distance()));
            List<Candidate> got = gallery.nearest(q, 5);
            assertThat(got).hasSize(Math.min(5, expected.size()));
            assertThat(got).isSortedAccordingTo(Comparator.comparingDouble(Candidate::distance));
            for (Candidate c : got) {
                assertThat(c.distance())
                        .as("distance of %s", c.customerId())
                        .isCloseTo(exact.get(c.customerId()), within(1e-6));
                assertThat(gallery.distance(c.customerId(), q)).isCloseTo(exact.get(c.customerId()), within(1e-6));
            }
            if (got.get(0).customerId().equals(expected.get(0).customerId())) {
                hits++;
            }
        }
        return hits / (double) queries.size();
    }

    @Test
    void smallGalleriesAreScannedExactly() {
        Random random = new Random(7);
        PlainLoop reference = PlainLoop.random(random, Gallery.INDEX_THRESHOLD - 1, 3);
        Gallery gallery = new Gallery(2);
        reference.addTo(gallery);
        assertThat(gallery.indexed()).isFalse();
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            queries.add(
                    q % 2 == 0
                            ? random(random)
                            : reference.templates.get(random.nextInt(20_000)).clone());
        }
        for (float[] q : queries) {
            assertThat(gallery.nearest(q, 5))
                    .extracting(Candidate::customerId)
                    .containsExactlyElementsOf(reference.all(q).subList(0, 5).stream()
                            .map(Candidate::customerId)
                            .toList());
        }
        assertThat(recallAtOne(gallery, reference, queries)).isEqualTo(1.0);
    }

    @Test
    @Slow
    void theIndexTakesOverAtItsThresholdAndLetsGoBelowHalfOfIt() {
        Random random = new Random(5);
        Gallery gallery = new Gallery(1);
        PlainLoop reference = PlainLoop.random(random, Gallery.INDEX_THRESHOLD, 2);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 20; q++) {
            queries.add(near(reference.templates.get(random.nextInt(Gallery.INDEX_THRESHOLD)), random, 0.02f));
        }
        for (int i = 0; i < Gallery.INDEX_THRESHOLD - 1; i++) {
            gallery.add(reference.owners.get(i), i, reference.templates.get(i));
        }
        assertThat(gallery.indexed()).as("one template short of the threshold").isFalse();
        gallery.add(
                reference.owners.get(Gallery.INDEX_THRESHOLD - 1),
                Gallery.INDEX_THRESHOLD - 1,
                reference.templates.get(Gallery.INDEX_THRESHOLD - 1));
        assertThat(gallery.indexed()).as("at the threshold").isTrue();
        assertThat(recallAtOne(gallery, reference, queries)).isEqualTo(1.0);

        PlainLoop kept = new PlainLoop();
        for (int i = 0; i < Gallery.INDEX_THRESHOLD; i++) {
            if (i < Gallery.INDEX_THRESHOLD / 2) {
                kept.add(reference.owners.get(i), reference.templates.get(i));
            } else {
                gallery.removeTemplate(i);
            }
        }
        assertThat(gallery.indexed()).as("at half the threshold").isTrue();
        gallery.removeTemplate(Gallery.INDEX_THRESHOLD / 2 - 1);
        kept.templates.remove(kept.templates.size() - 1);
        kept.owners.remove(kept.owners.size() - 1);
        assertThat(gallery.indexed()).as("below half the threshold").isFalse();
        List<float[]> keptQueries =
                queries.stream().map(q -> near(q, random, 0.01f)).toList();
        assertThat(recallAtOne(gallery, kept, keptQueries)).isEqualTo(1.0);
    }

    @Test
    @Slow
    void theIndexFindsWhatBruteForceFindsOnRandomDescriptors() {
        Random random = new Random(11);
        PlainLoop reference = PlainLoop.random(random, LARGE, 5);
        Gallery gallery = new Gallery(2);
        reference.addTo(gallery);
        assertThat(gallery.indexed()).isTrue();
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 200; q++) {
            queries.add(near(reference.templates.get(random.nextInt(LARGE)), random, 0.05f));
        }
        assertThat(recallAtOne(gallery, reference, queries)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    @Slow
    void theIndexFindsWhatBruteForceFindsOnRealDescriptors() {
        Random random = new Random(13);
        FaceLikeDescriptors faces = FaceLikeDescriptors.fitted();
        PlainLoop reference = new PlainLoop();
        List<float[]> queries = new ArrayList<>();
        // The calibration people on every other photo; their other photos and every crop ask who they are.
        for (CalibrationFaces.Condition condition : CalibrationFaces.Condition.values()) {
            CalibrationFaces.byIdentity(condition).forEach((identity, photos) -> {
                for (int i = 0; i < photos.size(); i++) {
                    if (condition == CalibrationFaces.Condition.PHOTO && i % 2 == 0) {
                        reference.add("cal-" + identity, photos.get(i).descriptor());
                    } else {
                        queries.add(photos.get(i).descriptor());
                    }
                }
            });
        }
        List<float[]> people = new ArrayList<>();
        while (reference.templates.size() < LARGE) {
            float[] person = faces.person(random);
            for (int t = 0; t < 5; t++) {
                reference.add("c" + people.size(), faces.photo(person, random));
            }
            people.add(person);
        }
        for (int q = 0; q < 100; q++) {
            queries.add(
                    faces.photo(q % 2 == 0 ? people.get(random.nextInt(people.size())) : faces.person(random), random));
        }
        Gallery gallery = new Gallery(2);
        reference.addTo(gallery);
        assertThat(gallery.indexed()).isTrue();
        assertThat(recallAtOne(gallery, reference, queries)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    @Slow
    void noQuerySeesACustomerOnceTheirErasureHasReturned() throws Exception {
        Random random = new Random(17);
        Gallery gallery = new Gallery(2);
        PlainLoop.random(random, LARGE, 5).addTo(gallery);
        int erasures = 200;
        List<float[]> faces = new ArrayList<>();
        for (int e = 0; e < erasures; e++) {
            faces.add(random(random));
            gallery.add("erased" + e, LARGE + 2L * e, faces.get(e));
            gallery.add("erased" + e, LARGE + 2L * e + 1, near(faces.get(e), random, 0.02f));
        }
        assertThat(gallery.indexed()).isTrue();
        AtomicInteger erased = new AtomicInteger();
        AtomicInteger queried = new AtomicInteger();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            Random r = new Random(19);
            while (erased.get() < erasures) {
                int target = Math.max(0, erased.get() - 1 - r.nextInt(2));
                int erasedBefore = erased.get();
                List<Candidate> got = gallery.nearest(faces.get(target), 5);
                queried.incrementAndGet();
                if (target < erasedBefore
                        && got.stream().anyMatch(c -> c.customerId().equals("erased" + target))) {
                    seen.compareAndSet(null, "erased" + target + " after its erasure returned");
                }
            }
        });
        reader.start();
        for (int e = 0; e < erasures; e++) {
            assertThat(gallery.nearest(faces.get(e), 1).get(0).customerId()).isEqualTo("erased" + e);
            gallery.removeCustomer("erased" + e);
            erased.incrementAndGet();
            Thread.sleep(1);
        }
        reader.join();
        assertThat(seen.get()).isNull();
        assertThat(queried.get()).isGreaterThan(erasures);
        for (int e = 0; e < erasures; e++) {
            assertThat(gallery.templateCount("erased" + e)).isZero();
            assertThat(gallery.distance("erased" + e, faces.get(e))).isInfinite();
            assertThat(gallery.nearest(faces.get(e), 5))
                    .extracting(Candidate::customerId)
                    .doesNotContain("erased" + e);
        }
    }

    @Test
    @Slow
    void mergeAndSplitMoveTemplatesBetweenCustomersOnline() {
        Random random = new Random(23);
        Gallery gallery = new Gallery(2);
        PlainLoop.random(random, LARGE, 5).addTo(gallery);
        float[][] a = {random(random), random(random)};
        float[][] b = {random(random), random(random), random(random)};
        gallery.add("A", -1, a[0]);
        gallery.add("A", -2, a[1]);
        for (int i = 0; i < b.length; i++) {
            gallery.add("B", -10 - i, b[i]);
        }
        // A merge as CustomerService does it: both go, the survivor comes back with every template.
        gallery.removeCustomer("B");
        gallery.removeCustomer("A");
        gallery.add("A", -1, a[0]);
        gallery.add("A", -2, a[1]);
        for (int i = 0; i < b.length; i++) {
            gallery.add("A", -10 - i, b[i]);
        }
        assertThat(gallery.templateCount("A")).isEqualTo(5);
        assertThat(gallery.templateCount("B")).isZero();
        for (float[] face : b) {
            assertThat(gallery.nearest(face, 1).get(0)).isEqualTo(new Candidate("A", 0));
            assertThat(gallery.nearest(near(face, random, 0.01f), 5))
                    .extracting(Candidate::customerId)
                    .doesNotContain("B");
        }

        // A split: two of B's old templates become a new customer's.
        for (int i = 0; i < 2; i++) {
            gallery.removeTemplate(-10 - i);
            gallery.add("A2", -10 - i, b[i]);
        }
        assertThat(gallery.templateCount("A")).isEqualTo(3);
        assertThat(gallery.templateCount("A2")).isEqualTo(2);
        assertThat(gallery.nearest(b[0], 1).get(0)).isEqualTo(new Candidate("A2", 0));
        assertThat(gallery.nearest(b[1], 1).get(0)).isEqualTo(new Candidate("A2", 0));
        assertThat(gallery.nearest(b[2], 1).get(0)).isEqualTo(new Candidate("A", 0));
        assertThat(gallery.nearest(a[0], 1).get(0)).isEqualTo(new Candidate("A", 0));
        assertThat(gallery.distance("A", b[0]))
                .isCloseTo(
                        Math.min(
                                Math.min(Descriptors.distance(a[0], b[0]), Descriptors.distance(a[1], b[0])),
                                Descriptors.distance(b[2], b[0])),
                        within(1e-6));
    }

    @Test
    @Slow
    void aReplacedTemplateNoLongerMatches() {
        Random random = new Random(29);
        Gallery gallery = new Gallery(2);
        PlainLoop.random(random, LARGE, 5).addTo(gallery);
        float[] old = random(random);
        float[] kept = random(random);
        float[] fresh = random(random);
        gallery.add("A", -1, old);
        gallery.add("A", -2, kept);
        gallery.removeTemplate(-1);
        gallery.add("A", -3, fresh);
        assertThat(gallery.templateCount("A")).isEqualTo(2);
        assertThat(gallery.nearest(fresh, 1).get(0)).isEqualTo(new Candidate("A", 0));
        assertThat(gallery.distance("A", old))
                .isCloseTo(Math.min(Descriptors.distance(kept, old), Descriptors.distance(fresh, old)), within(1e-6));
        assertThat(gallery.nearest(old, 5))
                .filteredOn(c -> c.customerId().equals("A"))
                .allSatisfy(c -> assertThat(c.distance()).isGreaterThan(0.1));
    }

    @Test
    void removalKeepsTheRestSearchableAndEachCustomersDistanceExact() {
        Random random = new Random(3);
        Gallery gallery = new Gallery(1);
        float[] a = random(random);
        float[] b = random(random);
        float[] c = random(random);
        gallery.add("A", 1, a);
        gallery.add("B", 2, b);
        gallery.add("B", 3, c);
        gallery.add("A", 1, a);
        assertThat(gallery.size()).isEqualTo(3);
        assertThat(gallery.templateCount("B")).isEqualTo(2);

        gallery.removeTemplate(2);
        assertThat(gallery.templateCount("B")).isEqualTo(1);
        assertThat(gallery.nearest(c, 1).get(0)).isEqualTo(new Candidate("B", 0));
        assertThat(gallery.distance("B", b)).isCloseTo(Descriptors.distance(b, c), within(1e-6));
        assertThat(gallery.distance("A", a)).isZero();

        gallery.removeCustomer("B");
        assertThat(gallery.size()).isEqualTo(1);
        assertThat(gallery.nearest(c, 5)).extracting(Candidate::customerId).containsExactly("A");
        assertThat(gallery.distance("B", c)).isInfinite();

        gallery.removeCustomer("A");
        assertThat(gallery.nearest(a, 5)).isEmpty();
    }

    @Test
    @Slow
    void slotsMovedByARemovalStillBelongToTheirCustomerInBothModes() {
        for (int count : new int[] {200, Gallery.INDEX_THRESHOLD + 2_000}) {
            Random random = new Random(11);
            Gallery gallery = new Gallery(1);
            List<float[]> faces = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                faces.add(random(random));
                gallery.add("c" + (i % 97), i, faces.get(i));
            }
            for (int i = 0; i < count; i += 3) {
                gallery.removeTemplate(i);
            }
            for (int i = 1; i < count; i += 3) {
                assertThat(gallery.distance("c" + (i % 97), faces.get(i)))
                        .as("template %d", i)
                        .isZero();
            }
            gallery.removeCustomer("c3");
            assertThat(gallery.templateCount("c3")).isZero();
            for (int i = 1; i < Math.min(count, 400); i += 3) {
                if (i % 97 != 3) {
                    assertThat(gallery.nearest(faces.get(i), 1).get(0))
                            .as("template %d of %d", i, count)
                            .isEqualTo(new Candidate("c" + (i % 97), 0));
                }
            }
        }
    }

    @Test
    void rejectsMalformedDescriptors() {
        Gallery gallery = new Gallery(1);
        assertThatThrownBy(() -> gallery.add("A", 1, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
        float[] nan = new float[Descriptors.DIM];
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> gallery.add("A", 1, nan)).hasMessageContaining("non-finite");
        assertThat(Descriptors.fromBytes(Descriptors.toBytes(random(new Random(1)))))
                .containsExactly(random(new Random(1)));
    }
}
