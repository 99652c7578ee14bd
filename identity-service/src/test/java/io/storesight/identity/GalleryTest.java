package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** The reference: nearest owner and nearest other owner by a plain loop over every template. */
    private static Match naive(float[][] templates, String[] owners, int count, float[] q) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (owners[i] != null && (best < 0 || Descriptors.distance(templates[i], q) < Descriptors.distance(
                    templates[best], q))) {
                best = i;
            }
        }
        int other = -1;
        for (int i = 0; i < count; i++) {
            if (owners[i] != null && !owners[i].equals(owners[best]) && (other < 0
                    || Descriptors.distance(templates[i], q) < Descriptors.distance(templates[other], q))) {
                other = i;
            }
        }
        return new Match(owners[best], Descriptors.distance(templates[best], q), other < 0 ? null : owners[other],
                other < 0 ? Float.POSITIVE_INFINITY : Descriptors.distance(templates[other], q));
    }

    @Test
    void nearestAndBestOtherAgreeWithPlainLoopSerialAndParallel() {
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
            Match expected = naive(templates, owners, count, query);
            for (Gallery gallery : new Gallery[] { serial, parallel }) {
                Match got = gallery.nearest(query);
                assertThat(got.customerId()).isEqualTo(expected.customerId());
                assertThat(got.distance()).isCloseTo(expected.distance(), org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(got.otherCustomerId()).isEqualTo(expected.otherCustomerId());
                assertThat(got.otherDistance()).isCloseTo(expected.otherDistance(),
                        org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void removalKeepsTheRestSearchable() {
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

        gallery.removeTemplate(2);
        assertThat(gallery.nearest(b).customerId()).isIn("A", "B");
        assertThat(gallery.nearest(c).customerId()).isEqualTo("B");
        assertThat(gallery.nearest(c).distance()).isZero();

        gallery.removeCustomer("B");
        assertThat(gallery.size()).isEqualTo(1);
        Match onlyA = gallery.nearest(c);
        assertThat(onlyA.customerId()).isEqualTo("A");
        assertThat(onlyA.otherCustomerId()).isNull();
        assertThat(onlyA.otherDistance()).isInfinite();

        gallery.removeCustomer("A");
        assertThat(gallery.nearest(a)).isEqualTo(Match.NONE);
    }

    @Test
    void acceptanceNeedsThresholdAndMargin() {
        assertThat(new Match("A", 0.30f, "B", 0.50f).accepted(0.45, 0.06)).isTrue();
        assertThat(new Match("A", 0.30f, null, Float.POSITIVE_INFINITY).accepted(0.45, 0.06)).isTrue();
        assertThat(new Match("A", 0.50f, "B", 0.90f).accepted(0.45, 0.06)).isFalse();
        Match close = new Match("A", 0.30f, "B", 0.33f);
        assertThat(close.accepted(0.45, 0.06)).isFalse();
        assertThat(close.ambiguous(0.45, 0.06)).isTrue();
        assertThat(new Match("A", 0.50f, "B", 0.90f).ambiguous(0.45, 0.06)).isFalse();
    }

    @Test
    void rejectsMalformedDescriptors() {
        Gallery gallery = new Gallery(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gallery.add("A", 1, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128");
        float[] nan = new float[Descriptors.DIM];
        nan[5] = Float.NaN;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gallery.add("A", 1, nan))
                .hasMessageContaining("non-finite");
        assertThat(Descriptors.fromBytes(Descriptors.toBytes(random(new Random(1)))))
                .containsExactly(random(new Random(1)));
    }
}
