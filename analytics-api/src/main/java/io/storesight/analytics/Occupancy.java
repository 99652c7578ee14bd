package io.storesight.analytics;

import java.util.ArrayList;
import java.util.List;

import io.storesight.analytics.Table.Tabular;

/**
 * How many people are inside each store now, and one day's curve of it in the store's time zone (a point per minute
 * with a count: the minute's last count and its peak).
 */
public record Occupancy(String date, String timeZone, List<StoreOccupancy> stores) implements Tabular {

    /** A count as identity published it: {@code inside} = {@code customers} + {@code visitors}. */
    public record Count(String at, int inside, int customers, int visitors) {}

    /** One minute of the curve: local time {@code HH:mm}, its last count and its peak. */
    public record Point(String time, String at, int inside, int peak) {}

    /**
     * {@code now} is the latest count (null: none yet); {@code current} says whether it is recent enough to be
     * "now" (identity repeats an unchanged count every minute, so an old one means identity or the stream stopped).
     */
    public record StoreOccupancy(String storeId, Count now, boolean current, List<Point> curve) {}

    @Override
    public Table table() {
        List<List<Object>> rows = new ArrayList<>();
        for (StoreOccupancy store : stores) {
            store.curve().forEach(p -> rows.add(List.of(store.storeId(), date, p.time(), p.inside(), p.peak())));
        }
        return new Table(List.of("storeId", "date", "time", "inside", "peak"), rows);
    }
}
