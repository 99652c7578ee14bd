package io.storesight.sales.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Column conversions shared by the repositories: times are epoch milliseconds, money is a decimal string. */
final class Jdbc {

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return new BigDecimal(rs.getString(column));
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("database error while trying to " + what + ": " + e.getMessage(), e);
    }

    private Jdbc() {
    }
}
