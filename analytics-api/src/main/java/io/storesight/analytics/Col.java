package io.storesight.analytics;

/** A column of the pre-aggregated tables (and of the fact tables that carry the same attributes). */
public enum Col {
    DAY("day"),
    YEAR("year"),
    MONTH("month"),
    WEEKDAY("weekday"),
    HOUR("hour"),
    HOUR_BUCKET("hour_bucket"),
    STORE("store_id"),
    AGE("age_band"),
    GENDER("gender"),
    TIER("tier"),
    ITEM("item_id"),
    ITEM_NAME("item_name"),
    CATEGORY("category");

    private final String column;

    Col(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
