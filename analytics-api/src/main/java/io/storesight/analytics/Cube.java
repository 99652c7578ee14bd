package io.storesight.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A pre-aggregated table: the measures of one kind of fact summed over a set of dimensions, maintained on ingest.
 * Several cubes per kind trade size for coverage; a report reads the smallest one that has every column its filters
 * and groupings need (see {@link Cubes#pick}).
 */
public record Cube(String table, Kind kind, List<Col> keys, List<Col> extras) {

    public enum Kind {
        VISITS("visits", "new_visits", "dwell_ms", "dwell_count", "anonymous_visits"),
        ORDERS("orders", "revenue_cents"),
        ITEMS("orders", "quantity", "revenue_cents"),
        CATEGORIES("orders", "quantity", "revenue_cents");

        private final List<String> measures;

        Kind(String... measures) {
            this.measures = List.of(measures);
        }

        public List<String> measures() {
            return measures;
        }
    }

    /** Dimensions as the cube is declared; derived columns (year/month/weekday of a day, …) come with them. */
    static Cube of(String table, Kind kind, Col... dimensions) {
        List<Col> keys = new ArrayList<>();
        List<Col> extras = new ArrayList<>();
        for (Col dimension : dimensions) {
            keys.add(dimension);
            switch (dimension) {
                case DAY -> extras.addAll(List.of(Col.YEAR, Col.MONTH, Col.WEEKDAY));
                case HOUR -> extras.add(Col.HOUR_BUCKET);
                case ITEM -> extras.addAll(List.of(Col.ITEM_NAME, Col.CATEGORY));
                default -> {
                }
            }
        }
        return new Cube(table, kind, List.copyOf(keys), List.copyOf(extras));
    }

    public Set<Col> columns() {
        Set<Col> all = EnumSet.noneOf(Col.class);
        all.addAll(keys);
        all.addAll(extras);
        return all;
    }

    public boolean covers(Collection<Col> needed) {
        return columns().containsAll(needed);
    }

    public List<Col> allColumns() {
        List<Col> all = new ArrayList<>(keys);
        all.addAll(extras);
        return all;
    }
}
