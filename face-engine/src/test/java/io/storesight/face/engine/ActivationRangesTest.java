package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How measured ranges become uint8 scales and zero points. */
class ActivationRangesTest {

    @Test
    void aSignedRangeMapsZeroExactlyOntoItsZeroPoint() {
        ActivationRanges.Affine q = new ActivationRanges(new float[] {-1}, new float[] {3}).affine(0);
        assertEquals(4.0 / 255, q.scale(), 1e-12);
        assertEquals(64, q.zeroPoint()); // 1 / (4 / 255) = 63.75
    }

    @Test
    void aRangeAboveZeroIsWidenedToZeroSoThatPaddingAndReluFloorsAreExact() {
        ActivationRanges.Affine q = new ActivationRanges(new float[] {0.5f}, new float[] {2}).affine(0);
        assertEquals(2.0 / 255, q.scale(), 1e-9);
        assertEquals(0, q.zeroPoint());
        ActivationRanges.Affine negative = new ActivationRanges(new float[] {-2}, new float[] {-0.5f}).affine(0);
        assertEquals(255, negative.zeroPoint());
    }

    @Test
    void aDeadInputStillGetsAUsableScale() {
        ActivationRanges.Affine q = new ActivationRanges(new float[] {0}, new float[] {0}).affine(0);
        assertEquals(1, q.scale());
        assertEquals(0, q.zeroPoint());
    }

    @Test
    void spanningRangesKeepsTheWidest() {
        ActivationRanges a = new ActivationRanges(new float[] {-1, 0}, new float[] {1, 5});
        ActivationRanges b = ActivationRanges.of(new float[] {-3, 0.5f, 0, 2});
        assertEquals(new ActivationRanges(new float[] {-3, 0}, new float[] {1, 5}), a.span(b));
        assertThrows(IllegalArgumentException.class, () -> a.span(ActivationRanges.of(new float[] {0, 1})));
        assertThrows(IllegalStateException.class, () -> a.affine(2));
    }
}
