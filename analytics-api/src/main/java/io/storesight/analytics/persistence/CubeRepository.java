package io.storesight.analytics.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

import io.storesight.analytics.Attrs;
import io.storesight.analytics.Col;
import io.storesight.analytics.Condition;
import io.storesight.analytics.Cube;
import io.storesight.analytics.Cube.Kind;
import io.storesight.analytics.Cubes;

/** Adds facts to every cube of their kind (ingest) and sums a cube under filters (reports). */
@ApplicationScoped
public class CubeRepository {
    /** A group's key values (grouped columns, then carried ones) and its summed measures. */
    public record Row(List<Object> keys, long[] sums) {
        public String key(int index) {
            return String.valueOf(keys.get(index));
        }

        public int intKey(int index) {
            return ((Number) keys.get(index)).intValue();
        }
    }

    private static final Map<Cube, String> UPSERTS = new ConcurrentHashMap<>();

    private final DataSource dataSource;

    public CubeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
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
            Delta delta = pending.computeIfAbsent(cube, c -> new LinkedHashMap<>()).computeIfAbsent(key, k -> {
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
        try (Connection connection = dataSource.getConnection()) {
            for (Map.Entry<Cube, Map<List<Object>, Delta>> entry : pending.entrySet()) {
                try (PreparedStatement upsert = Statements.prepare(connection,
                        UPSERTS.computeIfAbsent(entry.getKey(), CubeRepository::upsertSql))) {
                    for (Delta delta : entry.getValue().values()) {
                        if (!anyNonZero(delta.sums)) {
                            continue;
                        }
                        int index = 1;
                        for (Object value : delta.values) {
                            upsert.setObject(index++, value);
                        }
                        for (long sum : delta.sums) {
                            upsert.setLong(index++, sum);
                        }
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the aggregates", e);
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
        kind.measures().forEach(measure -> select.add("SUM(" + measure + ")"));
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select)).append(" FROM ")
                .append(cube.table());
        appendWhere(sql, where);
        if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(groupBy.stream().map(Col::column).collect(Collectors.joining(", ")));
        }
        int keyCount = groupBy.size() + carry.size();
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = Statements.prepare(connection, sql.toString())) {
            bind(query, where);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    List<Object> keys = new ArrayList<>(keyCount);
                    for (int i = 1; i <= keyCount; i++) {
                        keys.add(result.getObject(i));
                    }
                    long[] sums = new long[kind.measures().size()];
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] = result.getLong(keyCount + 1 + i);
                    }
                    if (groupBy.isEmpty() || anyNonZero(sums)) {
                        rows.add(new Row(keys, sums));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + cube.table(), e);
        }
        return rows;
    }

    /** Distinct values of one column in the smallest cube of the kind that has it: the dashboard's filter choices. */
    public List<String> distinct(Kind kind, Col col) {
        Cube cube = Cubes.pick(kind, List.of(col));
        Set<String> values = new LinkedHashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = Statements.prepare(connection, "SELECT DISTINCT " + col.column() + " FROM "
                        + cube.table() + " WHERE " + kind.measures().get(0) + " <> 0 ORDER BY 1");
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + cube.table(), e);
        }
        return List.copyOf(values);
    }

    static void appendWhere(StringBuilder sql, List<Condition> where) {
        for (int i = 0; i < where.size(); i++) {
            Condition condition = where.get(i);
            sql.append(i == 0 ? " WHERE " : " AND ").append(condition.col().column()).append(' ')
                    .append(condition.op()).append(" ?");
        }
    }

    static void bind(PreparedStatement statement, List<Condition> where) throws SQLException {
        for (int i = 0; i < where.size(); i++) {
            statement.setObject(i + 1, where.get(i).value());
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
        List<String> measures = cube.kind().measures();
        List<String> all = new ArrayList<>(columns);
        all.addAll(measures);
        String keys = cube.keys().stream().map(Col::column).collect(Collectors.joining(", "));
        String updates = measures.stream().map(m -> m + " = " + m + " + excluded." + m)
                .collect(Collectors.joining(", "));
        // Extras follow their key (an item's name may change): keep the latest seen.
        String extras = cube.extras().stream().map(c -> c.column() + " = excluded." + c.column())
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + cube.table() + " (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT (" + keys
                + ") DO UPDATE SET " + updates + (extras.isEmpty() ? "" : ", " + extras);
    }
}
