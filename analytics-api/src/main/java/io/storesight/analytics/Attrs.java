package io.storesight.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The dimension values of one fact (a visit, an order, an order line): where and when in store-local time, and who.
 * Cubes take the columns they keep from it.
 */
public record Attrs(
        String day,
        int year,
        int month,
        int weekday,
        int hour,
        String store,
        String ageBand,
        String gender,
        String tier,
        String itemId,
        String itemName,
        String category) {

    public static Attrs at(long epochMillis, ZoneId zone, String store, String ageBand, String gender, String tier) {
        ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(zone);
        return new Attrs(
                time.toLocalDate().toString(),
                time.getYear(),
                time.getMonthValue(),
                time.getDayOfWeek().getValue(),
                time.getHour(),
                store,
                Unknown.or(ageBand, Unknown.AGE_BAND),
                Unknown.or(gender, Unknown.GENDER),
                Unknown.or(tier, Unknown.TIER),
                null,
                null,
                null);
    }

    public Attrs withItem(String id, String name, String itemCategory) {
        return new Attrs(day, year, month, weekday, hour, store, ageBand, gender, tier, id, name, itemCategory);
    }

    public Attrs withCategory(String itemCategory) {
        return new Attrs(day, year, month, weekday, hour, store, ageBand, gender, tier, null, null, itemCategory);
    }

    public Object get(Col col) {
        return switch (col) {
            case DAY -> day;
            case YEAR -> year;
            case MONTH -> month;
            case WEEKDAY -> weekday;
            case HOUR -> hour;
            case HOUR_BUCKET -> HourBuckets.of(hour);
            case STORE -> store;
            case AGE -> ageBand;
            case GENDER -> gender;
            case TIER -> tier;
            case ITEM -> itemId;
            case ITEM_NAME -> itemName;
            case CATEGORY -> category;
        };
    }
}
