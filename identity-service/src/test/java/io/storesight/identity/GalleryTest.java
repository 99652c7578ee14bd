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

import org.junit.jupiter.api.Test;

class GalleryTest {
    private static float[] random(Random random) {
        float[] v = new float[Descriptors.DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() * 0.1f;
        }
        return v;
    }

    /** The reference: every owner at its nearest template, by a plain loop over every template, nearest first. */
    private static List<Candidate> naive(float[][] templates, String[] owners, int count, float[] q, int k) {
        Map<String, Double> nearest = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (owners[i] != null) {
                nearest.merge(owners[i], (double) Descriptors.distance(templates[i], q), Math::min);
            }
        }
        List<Candidate> all = new ArrayList<>();
        nearest.forEach((owner, d) -> all.add(new Candidate(owner, d)));
        all.sort(Comparator.comparingDouble(Candidate::distance));
        return all.subList(0, Math.min(k, all.size()));
    }

    @Test
    void nearestCustomersAgreeWithAPlainLoopSerialAndParallel() {
        Random random = new Random(7);
        int count = Gallery.PARALLEL_THRESHOLD * 2 + 123;
        float[][] templates = new float[count][];
        String[] owners = new String[count];
        Gallery serial = new Gallery(1);
        Gallery parallel = new Gallery(4);
        for (int i = 0; i < count; i++) {
            templates[i] = random(random);
            owners[i] = "c" + (i / 3);
            serial.add(owners[i], i, templates[i]);
            parallel.add(owners[i], i, templates[i]);
        }
        for (int q = 0; q < 20; q++) {
            float[] query = q % 2 == 0 ? random(random) : templates[random.nextInt(count)].clone();
            List<Candidate> expected = naive(templates, owners, count, query, 5);
            for (Gallery gallery : new Gallery[] { serial, parallel }) {
                List<Candidate> got = gallery.nearest(query, 5);
                assertThat(got).extracting(Candidate::customerId)
                        .containsExactlyElementsOf(expected.stream().map(Candidate::customerId).toList());
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).distance()).isCloseTo(expected.get(i).distance(), within(1e-5));
                    assertThat(gallery.distance(got.get(i).customerId(), query))
                            .isCloseTo(expected.get(i).distance(), within(1e-5));
                }
            }
        }
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
    void slotsMovedByARemovalStillBelongToTheirCustomer() {
        Random random = new Random(11);
        Gallery gallery = new Gallery(1);
        List<float[]> faces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            faces.add(random(random));
            gallery.add("c" + (i % 7), i, faces.get(i));
        }
        for (int i = 0; i < 200; i += 3) {
            gallery.removeTemplate(i);
        }
        for (int i = 1; i < 200; i += 3) {
            assertThat(gallery.distance("c" + (i % 7), faces.get(i))).as("template %d", i).isZero();
        }
        gallery.removeCustomer("c3");
        assertThat(gallery.templateCount("c3")).isZero();
        for (int i = 1; i < 200; i += 3) {
            if (i % 7 != 3) {
                assertThat(gallery.nearest(faces.get(i), 1).get(0)).isEqualTo(new Candidate("c" + (i % 7), 0));
            }
        }
    }

    @Test
    void rejectsMalformedDescriptors() {
        Gallery gallery = new Gallery(1);
        assertThatThrownBy(() -> gallery.add("A", 1, new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
        float[] nan = new float[Descriptors.DIM];
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> gallery.add("A", 1, nan)).hasMessageContaining("non-finite");
        assertThat(Descriptors.fromBytes(Descriptors.toBytes(random(new Random(1)))))
                .containsExactly(random(new Random(1)));
    }
}
