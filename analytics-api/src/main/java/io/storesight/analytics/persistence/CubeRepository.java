package io.storesight.analytics.persistence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Attrs;
import io.storesight.analytics.Col;
import io.storesight.analytics.Condition;
import io.storesight.analytics.Cube;
import io.storesight.analytics.Cube.Kind;
import io.storesight.analytics.Cube.Measure;
import io.storesight.analytics.Cubes;
import io.storesight.common.persistence.Jdbc;

/** Adds facts to every cube of their kind (ingest) and sums a cube under filters (reports). */
@ApplicationScoped
public class CubeRepository {
    /** A group: the values of its grouped (and carried) columns, and its summed measures. */
    public record Row(Map<Col, Object> keys, Kind kind, long[] sums) {
        public String key(Col col) {
            return String.valueOf(keys.get(col));
        }

        public int intKey(Col col) {
            return ((Number) keys.get(col)).intValue();
        }

        public long sum(Measure measure) {
            return sums[kind.indexOf(measure)];
        }
    }

    private static final Map<Cube, String> UPSERTS = new ConcurrentHashMap<>();

    private final Jdbc jdbc;

    public CubeRepository(Jdbc jdbc) {
        this.jdbc = jdbc.cached();
    }

    /** A cube row's pending change: its column values (latest extras) and the summed measure deltas. */
    private static final class Delta {
        Object[] values;
        long[] sums;
    }

    /**
     * Contributions of the current ingest batch, summed per cube row: a batch touches far fewer rows than it has
     * events (a day's visits share one row of a day cube), so {@link #flush} writes each row once.
     */
    private final Map<Cube, Map<List<Object>, Delta>> pending = new LinkedHashMap<>();

    /** Adds (or with negative measures, removes) one fact's contribution; written by {@link #flush}. */
    public synchronized void add(Kind kind, Attrs attrs, long... measures) {
        for (Cube cube : Cubes.of(kind)) {
            List<Object> key = new ArrayList<>(cube.keys().size());
            for (Col col : cube.keys()) {
                key.add(attrs.get(col));
            }
            Delta delta = pending.computeIfAbsent(cube, c -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> {
                        Delta created = new Delta();
                        created.sums = new long[measures.length];
                        return created;
                    });
            List<Col> columns = cube.allColumns();
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = attrs.get(columns.get(i));
            }
            delta.values = values;
            for (int i = 0; i < measures.length; i++) {
                delta.sums[i] += measures[i];
            }
        }
    }

    /** Writes the batch's pending contributions; must run in the ingest transaction before it commits. */
    public synchronized void flush() {
        try {
            for (Map.Entry<Cube, Map<List<Object>, Delta>> entry : pending.entrySet()) {
                List<Object[]> rows = new ArrayList<>();
                for (Delta delta : entry.getValue().values()) {
                    if (anyNonZero(delta.sums)) {
                        Object[] row = new Object[delta.values.length + delta.sums.length];
                        System.arraycopy(delta.values, 0, row, 0, delta.values.length);
                        for (int i = 0; i < delta.sums.length; i++) {
                            row[delta.values.length + i] = delta.sums[i];
                        }
                        rows.add(row);
                    }
                }
                jdbc.batch(UPSERTS.computeIfAbsent(entry.getKey(), CubeRepository::upsertSql), rows);
            }
        } finally {
            pending.clear();
        }
    }

    /** Forgets the contributions of a batch that rolled back. */
    public synchronized void discard() {
        pending.clear();
    }

    /**
     * Sums the measures of the smallest cube of the kind that can answer, grouped by {@code groupBy}; {@code carry}
     * columns depend on the grouped ones (an item's name and category) and come back as their latest value.
     */
    public List<Row> sum(Kind kind, List<Condition> where, List<Col> groupBy, List<Col> carry) {
        Set<Col> needed = EnumSet.noneOf(Col.class);
        where.forEach(condition -> needed.add(condition.col()));
        needed.addAll(groupBy);
        needed.addAll(carry);
        Cube cube = Cubes.pick(kind, needed);
        List<String> select = new ArrayList<>();
        groupBy.forEach(col -> select.add(col.column()));
        carry.forEach(col -> select.add("MAX(" + col.column() + ")"));
        kind.measures().forEach(measure -> select.add("SUM(" + measure.column() + ")"));
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(String.join(", ", select))
                .append(" FROM ")
                .append(cube.table());
        appendWhere(sql, where);
        if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(groupBy.stream().map(Col::column).collect(Collectors.joining(", ")));
        }
        List<Col> keyCols = new ArrayList<>(groupBy);
        keyCols.addAll(carry);
        List<Row> rows = jdbc.query(
                sql.toString(),
                result -> {
                    Map<Col, Object> keys = new EnumMap<>(Col.class);
                    for (int i = 0; i < keyCols.size(); i++) {
                        keys.put(keyCols.get(i), result.getObject(i + 1));
                    }
                    long[] sums = new long[kind.measures().size()];
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] = result.getLong(keyCols.size() + 1 + i);
                    }
                    return new Row(keys, kind, sums);
                },
                Condition.values(where));
        // a group whose facts all went (erased, moved) leaves a zero row behind
        return groupBy.isEmpty()
                ? rows
                : rows.stream().filter(row -> anyNonZero(row.sums())).toList();
    }

    /** Distinct values of one column in the smallest cube of the kind that has it: the dashboard's filter choices. */
    public List<String> distinct(Kind kind, Col col) {
        Cube cube = Cubes.pick(kind, List.of(col));
        return List.copyOf(new LinkedHashSet<>(jdbc.query(
                "SELECT DISTINCT " + col.column() + " FROM " + cube.table() + " WHERE "
                        + kind.measures().get(0).column() + " <> 0 ORDER BY 1",
                result -> result.getString(1))));
    }

    static void appendWhere(StringBuilder sql, List<Condition> where) {
        for (int i = 0; i < where.size(); i++) {
            Condition condition = where.get(i);
            sql.append(i == 0 ? " WHERE " : " AND ")
                    .append(condition.col().column())
                    .append(' ')
                    .append(condition.op())
                    .append(" ?");
        }
    }

    private static boolean anyNonZero(long[] sums) {
        for (long sum : sums) {
            if (sum != 0) {
                return true;
            }
        }
        return false;
    }

    private static String upsertSql(Cube cube) {
        List<String> columns = cube.allColumns().stream().map(Col::column).collect(Collectors.toList());
        List<String> measures =
                cube.kind().measures().stream().map(Measure::column).toList();
        List<String> all = new ArrayList<>(columns);
        all.addAll(measures);
        String keys = cube.keys().stream().map(Col::column).collect(Collectors.joining(", "));
        String updates =
                measures.stream().map(m -> m + " = " + m + " + excluded." + m).collect(Collectors.joining(", "));
        // Extras follow their key (an item's name may change): keep the latest seen.
        String extras = cube.extras().stream()
                .map(c -> c.column() + " = excluded." + c.column())
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + cube.table() + " (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT (" + keys
                + ") DO UPDATE SET " + updates + (extras.isEmpty() ? "" : ", " + extras);
    }
}
