package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import io.storesight.camera.TestMedia;

/** On real photos: the same scene is skipped, a person appearing passes, and the heartbeat lets one through. */
class MotionGateTest {
    private static final long SECOND = 1_000_000_000L;

    @BeforeAll
    static void openCv() {
        Frames.loadOpenCv();
    }

    private static Mat photo(int n) {
        Mat image = Imgcodecs.imread(TestMedia.sample(n).toString());
        Mat resized = new Mat();
        Imgproc.resize(image, resized, new Size(640, 480));
        image.release();
        return resized;
    }

    @Test
    void skipsStillFramesAndPassesChangesAndHeartbeats() {
        Mat first = photo(1);
        Mat other = photo(2);
        try (MotionGate gate = new MotionGate(0.5, 2 * SECOND)) {
            assertThat(gate.accept(first, 0)).as("first frame").isTrue();
            assertThat(gate.accept(first, SECOND / 5)).as("no change").isFalse();
            assertThat(gate.accept(first, SECOND)).isFalse();
            assertThat(gate.accept(other, SECOND + SECOND / 5))
                    .as("a different scene")
                    .isTrue();
            assertThat(gate.accept(other, 2 * SECOND)).isFalse();
            assertThat(gate.accept(other, 3 * SECOND + SECOND / 5))
                    .as("heartbeat after 2 s")
                    .isTrue();
        } finally {
            first.release();
            other.release();
        }
    }

    @Test
    void sensitivityMovesTheThreshold() {
        assertThat(MotionGate.changedFractionFor(1)).isLessThan(MotionGate.changedFractionFor(0.5));
        assertThat(MotionGate.changedFractionFor(0.5)).isLessThan(MotionGate.changedFractionFor(0));
    }
}
