package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.storesight.analytics.Attribution.Candidate;

/** The choice rule alone (unit test of one class; the broker-driven tests cover it end to end). */
class AttributionTest {
    private static final long T = 1_000_000_000L;
    private static final long W = 60_000;
    private static final long OPEN = 30 * 60_000;

    private static Candidate sighting(String customer, long start, Long end) {
        return new Candidate("s-" + customer + "-" + start, customer, start, end, "NEW", "20-29", "FEMALE");
    }

    private static String choose(Candidate... sightings) {
        return Attribution.choose(T, List.of(sightings), W, OPEN)
                .map(Candidate::customerId)
                .orElse(null);
    }

    @Test
    void presentBeatsNearAndLongerPresenceBreaksTies() {
        assertThat(choose(sighting("near", T - 20_000, T - 1_000), sighting("present", T - 2_000, T + 2_000)))
                .isEqualTo("present");
        assertThat(choose(sighting("brief", T - 5_000, T + 5_000), sighting("long", T - 50_000, T + 40_000)))
                .isEqualTo("long");
    }

    @Test
    void theWindowIsInclusiveAndNothingOutsideCounts() {
        assertThat(choose(sighting("edge", T - 120_000, T - W))).isEqualTo("edge");
        assertThat(choose(sighting("late", T + W, T + 90_000))).isEqualTo("late");
        assertThat(choose(sighting("gone", T - 120_000, T - W - 1))).isNull();
        assertThat(choose()).isNull();
    }

    @Test
    void severalSightingsOfOneCustomerAddUp() {
        // Two short sightings of "split" (20 s + 20 s in the window) outweigh one 30 s sighting of "single".
        assertThat(choose(
                        sighting("split", T - 25_000, T - 5_000),
                        sighting("split", T, T + 20_000),
                        sighting("single", T - 15_000, T + 15_000)))
                .isEqualTo("split");
    }

    @Test
    void anOpenSightingCountsUntilTheOrderButNotForever() {
        assertThat(choose(sighting("open", T - 10_000, null))).isEqualTo("open");
        assertThat(choose(sighting("stale", T - OPEN - W - 1, null))).isNull();
    }

    @Test
    void tiesGoToTheSmallerIdSoReplaysDecideTheSame() {
        assertThat(choose(sighting("b", T - 10_000, T + 10_000), sighting("a", T - 10_000, T + 10_000)))
                .isEqualTo("a");
    }
}
