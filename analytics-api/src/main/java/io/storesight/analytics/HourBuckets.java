package io.storesight.analytics;

import java.util.List;

/** The day parts that segments and menu placement use: a menu board changes a few times a day, not hourly. */
public final class HourBuckets {
    public record Bucket(String name, int fromHour, int toHour) {}

    public static final List<Bucket> ALL = List.of(
            new Bucket("night", 0, 6),
            new Bucket("morning", 6, 11),
            new Bucket("lunch", 11, 14),
            new Bucket("afternoon", 14, 17),
            new Bucket("evening", 17, 21),
            new Bucket("late", 21, 24));

    public static String of(int hour) {
        for (Bucket bucket : ALL) {
            if (hour >= bucket.fromHour() && hour < bucket.toHour()) {
                return bucket.name();
            }
        }
        throw new IllegalArgumentException("hour out of range: " + hour);
    }

    public static int order(String name) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).name().equals(name)) {
                return i;
            }
        }
        return ALL.size();
    }

    private HourBuckets() {}
}
