package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    private static int kept(FrameSampler sampler, double sourceFps, int frames, long jitterNanos) {
        int kept = 0;
        for (int i = 0; i < frames; i++) {
            long jitter = i % 2 == 0 ? jitterNanos : -jitterNanos;
            if (sampler.accept((long) (i * 1_000_000_000d / sourceFps) + jitter)) {
                kept++;
            }
        }
        return kept;
    }

    @Test
    void keepsTheTargetRateByTimestamps() {
        assertThat(kept(new FrameSampler(5), 25, 100, 0)).isEqualTo(20);
        assertThat(kept(new FrameSampler(5), 30000 / 1001d, 300, 0)).isBetween(49, 51);
        assertThat(kept(new FrameSampler(5), 10, 30, 0)).isEqualTo(15);
        // Jitter of a live stream does not change the rate.
        assertThat(kept(new FrameSampler(5), 25, 250, 8_000_000)).isBetween(49, 51);
    }

    @Test
    void aSlowerSourcePassesEveryFrame() {
        assertThat(kept(new FrameSampler(5), 2, 20, 0)).isEqualTo(20);
    }

    @Test
    void aGapDoesNotCauseABurst() {
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.accept(0)).isTrue();
        assertThat(sampler.accept(100_000_000)).isFalse();
        // A 10 s stall: one frame, then the 200 ms grid restarts from there.
        assertThat(sampler.accept(10_000_000_000L)).isTrue();
        assertThat(sampler.accept(10_040_000_000L)).isFalse();
        assertThat(sampler.accept(10_200_000_000L)).isTrue();
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new FrameSampler(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
