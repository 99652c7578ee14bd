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

    /** What a cube sums: its columns of counts. */
    public enum Measure {
        VISITS("visits"),
        NEW_VISITS("new_visits"),
        DWELL_MS("dwell_ms"),
        DWELL_COUNT("dwell_count"),
        ANONYMOUS_VISITS("anonymous_visits"),
        ORDERS("orders"),
        QUANTITY("quantity"),
        REVENUE_CENTS("revenue_cents");

        private final String column;

        Measure(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    /** A kind of fact and its measures, in the order {@code CubeRepository.add} takes them. */
    public enum Kind {
        VISITS(Measure.VISITS, Measure.NEW_VISITS, Measure.DWELL_MS, Measure.DWELL_COUNT, Measure.ANONYMOUS_VISITS),
        ORDERS(Measure.ORDERS, Measure.REVENUE_CENTS),
        ITEMS(Measure.ORDERS, Measure.QUANTITY, Measure.REVENUE_CENTS),
        CATEGORIES(Measure.ORDERS, Measure.QUANTITY, Measure.REVENUE_CENTS);

        private final List<Measure> measures;

        Kind(Measure... measures) {
            this.measures = List.of(measures);
        }

        public List<Measure> measures() {
            return measures;
        }

        /** Where the measure sits in this kind's sums. */
        public int indexOf(Measure measure) {
            int index = measures.indexOf(measure);
            if (index < 0) {
                throw new IllegalArgumentException(this + " facts have no " + measure);
            }
            return index;
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
                default -> {}
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
