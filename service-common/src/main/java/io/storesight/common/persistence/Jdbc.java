package io.storesight.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Plain JDBC on the service's SQLite datasource: queries mapped row by row, updates, keys. Inside a transaction
 * every call shares the transaction's connection (Agroal enlists it), so repositories compose freely within one
 * {@link Writer#write}. A failure is an {@link IllegalStateException} naming the statement; a busy or locked
 * database keeps its {@link SQLException} as the cause, so callers can tell it from a programming error. A write
 * (update, batch, insert) outside a {@link Writer} transaction is refused: the Writer is the service's only writer.
 *
 * <p>
 * {@link #cached()} gives the same template over prepared statements kept per physical connection: for a service
 * that runs the same few statements thousands of times a second (analytics' ingest), compiling the SQL again each
 * time dominates. The pool reuses a few physical connections, so their statements are reused.
 */
@ApplicationScoped
public class Jdbc {

    /** Maps the current row of a result set (do not advance it). */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    private final boolean cacheStatements;
    private final boolean writerOnly;

    @Inject
    public Jdbc(DataSource dataSource) {
        this(dataSource, false, true);
    }

    private Jdbc(DataSource dataSource, boolean cacheStatements, boolean writerOnly) {
        this.dataSource = dataSource;
        this.cacheStatements = cacheStatements;
        this.writerOnly = writerOnly;
    }

    /** For a tool that owns a database outside any service (a benchmark loading data): writes need no Writer. */
    public static Jdbc standalone(DataSource dataSource) {
        return new Jdbc(dataSource, false, false);
    }

    /** The same template, keeping prepared statements per physical connection. */
    public Jdbc cached() {
        return new Jdbc(dataSource, true, writerOnly);
    }

    public int update(String sql, Object... params) {
        requireWriter(sql);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** One statement over many parameter rows, in one round trip per row but one compile. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        requireWriter(sql);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql)) {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public long insertReturningKey(String sql, Object... params) {
        requireWriter(sql);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(statement, params);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("no generated key for " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, params);
                ResultSet rows = statement.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(mapper.map(rows));
            }
            return out;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The first column of the first row as a long; 0 without a row. */
    public long count(String sql, Object... params) {
        return queryOne(sql, row -> row.getLong(1), params).orElse(0L);
    }

    public boolean exists(String sql, Object... params) {
        return queryOne(sql, row -> Boolean.TRUE, params).isPresent();
    }

    /**
     * Deletes the rows of {@code table} whose {@code timeColumn} (epoch ms) is before {@code cutoff}, at most
     * {@code limit} of them, oldest first, so that a long backlog is purged in short write transactions. Returns how
     * many went; call again while it returns {@code limit}.
     */
    public int purge(String table, String timeColumn, long cutoff, int limit, String extraCondition) {
        String where = timeColumn + " < ?" + (extraCondition == null ? "" : " AND " + extraCondition);
        return update(
                "DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM " + table + " WHERE " + where
                        + " ORDER BY " + timeColumn + " LIMIT ?)",
                cutoff,
                limit);
    }

    private void requireWriter(String sql) {
        if (writerOnly && !Writer.writing()) {
            throw new IllegalStateException("write outside the service's Writer: " + firstLine(sql));
        }
    }

    private PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement =
                cacheStatements ? Statements.prepare(connection, sql) : connection.prepareStatement(sql);
        bind(statement, params);
        return statement;
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Boolean b) {
                statement.setInt(i + 1, b ? 1 : 0);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static IllegalStateException failure(String sql, SQLException e) {
        return new IllegalStateException("SQL failed: " + firstLine(sql) + ": " + e.getMessage(), e);
    }

    private static String firstLine(String sql) {
        return sql.length() > 200 ? sql.substring(0, 200) + "…" : sql;
    }

    /** A nullable REAL column as a boxed value. */
    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** A nullable INTEGER column as a boxed value. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
