package io.storesight.analytics;

import static io.storesight.analytics.Col.AGE;
import static io.storesight.analytics.Col.CATEGORY;
import static io.storesight.analytics.Col.DAY;
import static io.storesight.analytics.Col.GENDER;
import static io.storesight.analytics.Col.HOUR;
import static io.storesight.analytics.Col.HOUR_BUCKET;
import static io.storesight.analytics.Col.ITEM;
import static io.storesight.analytics.Col.MONTH;
import static io.storesight.analytics.Col.STORE;
import static io.storesight.analytics.Col.TIER;
import static io.storesight.analytics.Col.YEAR;

import java.util.Collection;
import java.util.List;

import io.storesight.analytics.Cube.Kind;

/**
 * The pre-aggregated tables (their DDL is in V1__init.sql), smallest first within each kind. The last cube of a
 * kind has every dimension, so any filter can be answered; the smaller ones serve the dashboard's common questions
 * (a day series, the hour × weekday heatmap, demographics, segments by day part and month) from a few thousand rows.
 */
public final class Cubes {
    public static final List<Cube> ALL = List.of(
            Cube.of("v_ds", Kind.VISITS, DAY, STORE),
            Cube.of("v_dhs", Kind.VISITS, DAY, HOUR, STORE),
            Cube.of("v_msagtb", Kind.VISITS, YEAR, MONTH, STORE, AGE, GENDER, TIER, HOUR_BUCKET),
            Cube.of("v_dsagt", Kind.VISITS, DAY, STORE, AGE, GENDER, TIER),
            Cube.of("v_full", Kind.VISITS, DAY, HOUR, STORE, AGE, GENDER, TIER),
            Cube.of("o_ds", Kind.ORDERS, DAY, STORE),
            Cube.of("o_dhs", Kind.ORDERS, DAY, HOUR, STORE),
            Cube.of("o_dsagt", Kind.ORDERS, DAY, STORE, AGE, GENDER, TIER),
            Cube.of("o_full", Kind.ORDERS, DAY, HOUR, STORE, AGE, GENDER, TIER),
            Cube.of("i_dsi", Kind.ITEMS, DAY, STORE, ITEM),
            Cube.of("i_msagbi", Kind.ITEMS, YEAR, MONTH, STORE, AGE, GENDER, HOUR_BUCKET, ITEM),
            Cube.of("i_dhsi", Kind.ITEMS, DAY, HOUR, STORE, ITEM),
            Cube.of("i_full", Kind.ITEMS, DAY, HOUR, STORE, AGE, GENDER, TIER, ITEM),
            Cube.of("c_ds", Kind.CATEGORIES, DAY, STORE, CATEGORY),
            Cube.of("c_dsagt", Kind.CATEGORIES, DAY, STORE, AGE, GENDER, TIER, CATEGORY),
            Cube.of("c_full", Kind.CATEGORIES, DAY, HOUR, STORE, AGE, GENDER, TIER, CATEGORY));

    public static List<Cube> of(Kind kind) {
        return ALL.stream().filter(cube -> cube.kind() == kind).toList();
    }

    /** The smallest cube of the kind that has all the needed columns. */
    public static Cube pick(Kind kind, Collection<Col> needed) {
        return of(kind).stream()
                .filter(cube -> cube.covers(needed))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " cube has " + needed));
    }

    private Cubes() {}
}
