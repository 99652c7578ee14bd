package io.storesight.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FaceBatchPolicyTest {
    private static final long MS = 1_000_000;

    @Test
    void flushesWhenTheExpectedFacesReachTheBatchSize() {
        FaceBatchPolicy policy = new FaceBatchPolicy(6, Duration.ofMillis(50));
        policy.observed("crowded", 4);
        policy.added("crowded", 0);
        assertThat(policy.due(0)).isFalse();
        policy.added("unknown", 1 * MS);
        assertThat(policy.due(1 * MS)).isFalse();
        policy.added("crowded", 2 * MS);
        assertThat(policy.full()).isTrue();
        assertThat(policy.due(2 * MS)).isTrue();
    }

    @Test
    void emptyFramesCountAsOneSoABatchOfThemStillFills() {
        FaceBatchPolicy policy = new FaceBatchPolicy(3, Duration.ofSeconds(10));
        policy.observed("empty-room", 0);
        for (int i = 0; i < 3; i++) {
            policy.added("empty-room", i);
        }
        assertThat(policy.full()).isTrue();
    }

    @Test
    void flushesWhenTheOldestFrameHasWaitedLongEnough() {
        FaceBatchPolicy policy = new FaceBatchPolicy(100, Duration.ofMillis(50));
        assertThat(policy.patience(0)).isEqualTo(Duration.ofMillis(50));
        policy.added("cam", 10 * MS);
        assertThat(policy.patience(30 * MS)).isEqualTo(Duration.ofMillis(30));
        assertThat(policy.due(59 * MS)).isFalse();
        assertThat(policy.due(60 * MS)).isTrue();
        assertThat(policy.patience(80 * MS)).isZero();
        policy.flushed();
        assertThat(policy.due(80 * MS)).isFalse();
    }
}
