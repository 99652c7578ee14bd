package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservationBacklogTest {
    private static final long ALLOWANCE = 5_000;
    private static final long GRACE = 60_000;

    @Test
    void beforeTheFirstObservationItCountsAsBehindForTheStartupGraceOnly() {
        ObservationBacklog backlog = new ObservationBacklog(1_000_000);
        assertThat(backlog.behind(1_000_000 + 59_000, ALLOWANCE, GRACE)).isTrue();
        assertThat(backlog.behind(1_000_000 + 61_000, ALLOWANCE, GRACE)).isFalse();
    }

    @Test
    void observationsThatWaitedInTheQueueMeanBehindUntilTheyStopOrCatchUp() {
        ObservationBacklog backlog = new ObservationBacklog(0);
        backlog.processed(100_000, 160_000); // published a minute ago: working off a backlog
        assertThat(backlog.behind(161_000, ALLOWANCE, GRACE)).isTrue();
        backlog.processed(170_000, 170_300); // caught up with live observations
        assertThat(backlog.behind(171_000, ALLOWANCE, GRACE)).isFalse();
    }

    @Test
    void aBacklogThatEndsInSilenceDoesNotStopClocksForever() {
        ObservationBacklog backlog = new ObservationBacklog(0);
        backlog.processed(100_000, 160_000);
        assertThat(backlog.behind(164_000, ALLOWANCE, GRACE)).isTrue();
        assertThat(backlog.behind(166_000, ALLOWANCE, GRACE)).isFalse();
    }
}
