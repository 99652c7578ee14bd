package io.storesight.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import org.sqlite.SQLiteConnection;

/**
 * The settings a service's SQLite connections really run with, as SQLite and the driver report them (not as the
 * configuration says): journal mode, {@code synchronous} (2 = FULL), foreign keys, and the mode write transactions
 * begin in.
 */
public record SqliteSettings(String journalMode, int synchronous, boolean foreignKeys, String transactionMode) {
    public static final int FULL = 2;

    /** What a service's database must run with: WAL, commits on disk before they return, IMMEDIATE writes. */
    public static final SqliteSettings DURABLE = new SqliteSettings("wal", FULL, true, "IMMEDIATE");

    public static SqliteSettings of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            return new SqliteSettings(
                    pragma(statement, "journal_mode"),
                    Integer.parseInt(pragma(statement, "synchronous")),
                    pragma(statement, "foreign_keys").equals("1"),
                    connection
                            .unwrap(SQLiteConnection.class)
                            .getConnectionConfig()
                            .getTransactionMode()
                            .name());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pragma(Statement statement, String name) throws SQLException {
        try (ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
