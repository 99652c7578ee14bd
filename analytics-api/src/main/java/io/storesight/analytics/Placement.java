package io.storesight.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.storesight.analytics.Reports.MixShare;
import io.storesight.analytics.Reports.Slot;
import io.storesight.analytics.Reports.Suggestion;

/**
 * Which menu items to put first in each part of the day: what the people who visit in that part of the day buy,
 * whenever they buy. An item's score in a slot is the visitor-weighted mean, over the slot's segments (age band ×
 * gender), of the segment's preference for it; a segment's preference is its share of the segment's purchases,
 * smoothed towards the store-wide item mix with {@link #PRIOR_WEIGHT} pseudo-purchases, so a segment that bought
 * little leans on the whole store's taste instead of on its last two orders. A score is the item's expected share of
 * purchases by the people who visit in that slot.
 */
public final class Placement {
    /** Pseudo-purchases of the overall mix added to each segment's. */
    public static final double PRIOR_WEIGHT = 20;
    /** How many of a slot's largest segments its visitor mix lists. */
    static final int MIX_SHOWN = 3;

    /** Who visits: an age band and gender. */
    public record Segment(String ageBand, String gender) {}

    /** An item of the menu as sold. */
    public record Item(String id, String name, String category) {}

    /**
     * What the store knows.
     *
     * @param visitsBySlot    per day part, visits per segment
     * @param boughtBySegment per segment, units bought per item id (any time of day)
     * @param items           the items sold, by id
     * @param soldBySlot      per day part, units sold per item id (shown beside the score)
     */
    public record Evidence(
            Map<String, Map<Segment, Long>> visitsBySlot,
            Map<Segment, Map<String, Long>> boughtBySegment,
            Map<String, Item> items,
            Map<String, Map<String, Long>> soldBySlot) {}

    /** The day parts that had visits, in day order, each with its top {@code limit} suggestions. */
    public static List<Slot> rank(Evidence evidence, int limit) {
        Map<String, Long> overall = new java.util.TreeMap<>();
        evidence.boughtBySegment()
                .values()
                .forEach(bought -> bought.forEach((item, units) -> overall.merge(item, units, Long::sum)));
        long overallUnits = overall.values().stream().mapToLong(Long::longValue).sum();
        List<Slot> slots = new ArrayList<>();
        if (overallUnits == 0) {
            return slots;
        }
        for (HourBuckets.Bucket bucket : HourBuckets.ALL) {
            Map<Segment, Long> mix = evidence.visitsBySlot().getOrDefault(bucket.name(), Map.of());
            long visits = mix.values().stream().mapToLong(Long::longValue).sum();
            if (visits == 0) {
                continue;
            }
            List<Suggestion> suggestions = new ArrayList<>();
            for (Map.Entry<String, Long> item : overall.entrySet()) {
                double prior = item.getValue() / (double) overallUnits;
                double score = 0;
                for (Map.Entry<Segment, Long> segment : mix.entrySet()) {
                    Map<String, Long> bought = evidence.boughtBySegment().getOrDefault(segment.getKey(), Map.of());
                    long segmentUnits =
                            bought.values().stream().mapToLong(Long::longValue).sum();
                    double preference = (bought.getOrDefault(item.getKey(), 0L) + PRIOR_WEIGHT * prior)
                            / (segmentUnits + PRIOR_WEIGHT);
                    score += segment.getValue() / (double) visits * preference;
                }
                Item info = evidence.items().get(item.getKey());
                suggestions.add(new Suggestion(
                        item.getKey(),
                        info.name(),
                        info.category(),
                        round(score),
                        evidence.soldBySlot()
                                .getOrDefault(bucket.name(), Map.of())
                                .getOrDefault(item.getKey(), 0L)));
            }
            suggestions.sort(
                    Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(Suggestion::itemId));
            List<MixShare> topMix = mix.entrySet().stream()
                    .sorted(Map.Entry.<Segment, Long>comparingByValue()
                            .reversed()
                            .thenComparing(e -> e.getKey().ageBand())
                            .thenComparing(e -> e.getKey().gender()))
                    .limit(MIX_SHOWN)
                    .map(e -> new MixShare(
                            e.getKey().ageBand(), e.getKey().gender(), round(e.getValue() / (double) visits)))
                    .toList();
            slots.add(new Slot(
                    bucket.name(),
                    bucket.fromHour(),
                    bucket.toHour(),
                    visits,
                    topMix,
                    suggestions.stream().limit(limit).toList()));
        }
        return slots;
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    private Placement() {}
}
