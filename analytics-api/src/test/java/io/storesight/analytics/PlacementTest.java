package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storesight.analytics.Placement.Evidence;
import io.storesight.analytics.Placement.Item;
import io.storesight.analytics.Placement.Segment;
import io.storesight.analytics.Reports.Slot;
import io.storesight.analytics.Reports.Suggestion;

/** The menu placement rule alone (the dataset tests cover it through the cubes). */
class PlacementTest {
    private static final Segment YOUNG = new Segment("20-29", "FEMALE");
    private static final Segment OLD = new Segment("60+", "MALE");
    private static final Map<String, Item> MENU = Map.of(
            "latte", new Item("latte", "Latte", "coffee"),
            "tea", new Item("tea", "Tea", "tea"),
            "cake", new Item("cake", "Cake", "bakery"));

    private static Slot only(List<Slot> slots, String bucket) {
        return slots.stream()
                .filter(s -> s.hourBucket().equals(bucket))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> ranking(Slot slot) {
        return slot.suggestions().stream().map(Suggestion::itemId).toList();
    }

    @Test
    void whatTheSlotsVisitorsBuyComesFirst() {
        Evidence evidence = new Evidence(
                Map.of("morning", Map.of(YOUNG, 90L, OLD, 10L), "afternoon", Map.of(YOUNG, 10L, OLD, 90L)),
                Map.of(YOUNG, Map.of("latte", 80L, "tea", 5L), OLD, Map.of("tea", 80L, "latte", 5L)),
                MENU,
                Map.of());
        List<Slot> slots = Placement.rank(evidence, 10);
        assertThat(ranking(only(slots, "morning"))).startsWith("latte");
        assertThat(ranking(only(slots, "afternoon"))).startsWith("tea");
    }

    @Test
    void aSegmentThatBoughtLittleLeansOnTheWholeStoresTaste() {
        // OLD bought one cake, nothing else; the store as a whole buys lattes. Without the prior, cake would be 100 %.
        Evidence evidence = new Evidence(
                Map.of("evening", Map.of(OLD, 5L)),
                Map.of(OLD, Map.of("cake", 1L), YOUNG, Map.of("latte", 200L)),
                MENU,
                Map.of());
        Slot evening = only(Placement.rank(evidence, 10), "evening");
        assertThat(ranking(evening)).startsWith("latte");
        double prior = Placement.PRIOR_WEIGHT;
        double cake = (1 + prior * 1 / 201.0) / (1 + prior);
        assertThat(evening.suggestions().stream()
                        .filter(s -> s.itemId().equals("cake"))
                        .findFirst()
                        .orElseThrow()
                        .score())
                .isCloseTo(cake, within(1e-6));
    }

    @Test
    void aScoreIsTheExpectedShareOfTheSlotsPurchases() {
        Evidence evidence = new Evidence(
                Map.of("lunch", Map.of(YOUNG, 3L, OLD, 1L)),
                Map.of(YOUNG, Map.of("latte", 30L, "tea", 10L), OLD, Map.of("tea", 40L)),
                MENU,
                Map.of());
        Slot lunch = only(Placement.rank(evidence, 10), "lunch");
        assertThat(lunch.suggestions().stream().mapToDouble(Suggestion::score).sum())
                .isCloseTo(1.0, within(1e-5));
        assertThat(lunch.visits()).isEqualTo(4);
    }

    @Test
    void dayPartsWithoutVisitorsAreLeftOutAndTheRestComeInDayOrder() {
        Evidence evidence = new Evidence(
                Map.of("evening", Map.of(YOUNG, 1L), "morning", Map.of(OLD, 1L)),
                Map.of(YOUNG, Map.of("latte", 1L)),
                MENU,
                Map.of());
        assertThat(Placement.rank(evidence, 10)).extracting(Slot::hourBucket).containsExactly("morning", "evening");
        assertThat(Placement.rank(new Evidence(Map.of("morning", Map.of(OLD, 1L)), Map.of(), MENU, Map.of()), 10))
                .as("nothing ever bought: nothing to place")
                .isEmpty();
    }

    @Test
    void equalScoresGoByItemIdAndTheLimitCuts() {
        Evidence evidence = new Evidence(
                Map.of("morning", Map.of(YOUNG, 1L)),
                Map.of(YOUNG, Map.of("tea", 5L, "latte", 5L, "cake", 5L)),
                MENU,
                Map.of("morning", Map.of("tea", 2L)));
        Slot morning = only(Placement.rank(evidence, 2), "morning");
        assertThat(ranking(morning)).containsExactly("cake", "latte");
        assertThat(Placement.rank(evidence, 3).get(0).suggestions())
                .filteredOn(s -> s.itemId().equals("tea"))
                .extracting(Suggestion::soldInSlot)
                .containsExactly(2L);
    }

    @Test
    void theVisitorMixNamesTheLargestSegmentsWithTheirShares() {
        Segment a = new Segment("30-39", "FEMALE");
        Segment b = new Segment("30-39", "MALE");
        Evidence evidence = new Evidence(
                Map.of("morning", Map.of(YOUNG, 5L, OLD, 3L, a, 1L, b, 1L)),
                Map.of(YOUNG, Map.of("latte", 1L)),
                MENU,
                Map.of());
        Slot morning = only(Placement.rank(evidence, 10), "morning");
        assertThat(morning.visitorMix()).hasSize(3);
        assertThat(morning.visitorMix().get(0).ageBand()).isEqualTo("20-29");
        assertThat(morning.visitorMix().get(0).share()).isEqualTo(0.5);
        assertThat(morning.visitorMix().get(2).gender())
                .as("ties by age band, then gender")
                .isEqualTo("FEMALE");
    }
}
