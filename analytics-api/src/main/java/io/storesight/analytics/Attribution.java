package io.storesight.analytics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which customer an order belongs to: among the sightings at the order's counter camera within the window around the
 * order time, the customer nearest in time (present at the order time = distance 0), and among equally near ones
 * the one present longest in the window; ties go to the smaller customer id so that replays decide the same way.
 */
public final class Attribution {

    /** A sighting at the counter camera; {@code endedMs} is null while the customer is still there. */
    public record Candidate(
            String sightingKey,
            String customerId,
            long startedMs,
            Long endedMs,
            String tier,
            String ageBand,
            String gender) {}

    private record Score(Candidate best, long distance, long overlap) {}

    public static Optional<Candidate> choose(long orderMs, List<Candidate> sightings, long windowMs, long maxOpenMs) {
        long windowStart = orderMs - windowMs;
        long windowEnd = orderMs + windowMs;
        Map<String, Score> byCustomer = new LinkedHashMap<>();
        for (Candidate sighting : sightings) {
            long start = sighting.startedMs();
            long end = effectiveEnd(sighting, orderMs, maxOpenMs);
            if (start > windowEnd || end < windowStart) {
                continue;
            }
            long distance = orderMs < start ? start - orderMs : orderMs > end ? orderMs - end : 0;
            long overlap = Math.min(end, windowEnd) - Math.max(start, windowStart);
            Score previous = byCustomer.get(sighting.customerId());
            if (previous == null) {
                byCustomer.put(sighting.customerId(), new Score(sighting, distance, overlap));
            } else {
                Candidate nearer = distance < previous.distance() ? sighting : previous.best();
                byCustomer.put(
                        sighting.customerId(),
                        new Score(nearer, Math.min(distance, previous.distance()), previous.overlap() + overlap));
            }
        }
        return byCustomer.values().stream()
                .min(Comparator.comparingLong(Score::distance)
                        .thenComparing(Comparator.comparingLong(Score::overlap).reversed())
                        .thenComparing(score -> score.best().customerId()))
                .map(Score::best);
    }

    /** An open sighting counts as present up to the order, unless it started too long ago to still be true. */
    static long effectiveEnd(Candidate sighting, long orderMs, long maxOpenMs) {
        if (sighting.endedMs() != null) {
            return Math.max(sighting.startedMs(), sighting.endedMs());
        }
        if (orderMs - sighting.startedMs() > maxOpenMs) {
            return sighting.startedMs();
        }
        return Math.max(sighting.startedMs(), orderMs);
    }

    private Attribution() {}
}
