package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the store-local day, year, month, weekday and hour (added by V3) of the orders stored before them, in the
 * zone the application counts in ({@code storesight.store.time-zone}, as the cubes and visits were). Java
 * rather than SQL because SQLite knows no time zones. Self-contained on purpose: a migration must not change when
 * the application's code does.
 */
public class V4__backfill_order_local_time extends BaseJavaMigration {
    private static final int PAGE = 10_000;

    private final ZoneId zone;

    public V4__backfill_order_local_time() {
        this(configuredZone());
    }

    /** For tests: a zone other than the configured one. */
    public V4__backfill_order_local_time(ZoneId zone) {
        this.zone = zone;
    }

    private static ZoneId configuredZone() {
        return ZoneId.of(ConfigProvider.getConfig()
                .getOptionalValue("storesight.store.time-zone", String.class)
                .orElse("UTC"));
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        // Page by rowid: rows are not updated while a query over the same table is still open.
        try (PreparedStatement page = connection.prepareStatement("SELECT rowid, ordered_ms FROM orders "
                        + "WHERE rowid > ? AND day IS NULL ORDER BY rowid LIMIT " + PAGE);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE orders SET day = ?, year = ?, " + "month = ?, weekday = ?, hour = ? WHERE rowid = ?")) {
            long after = Long.MIN_VALUE;
            while (true) {
                long[][] rows = new long[PAGE][];
                int count = 0;
                page.setLong(1, after);
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        rows[count++] = new long[] {result.getLong(1), result.getLong(2)};
                    }
                }
                if (count == 0) {
                    return;
                }
                for (int i = 0; i < count; i++) {
                    ZonedDateTime local = Instant.ofEpochMilli(rows[i][1]).atZone(zone);
                    update.setString(1, local.toLocalDate().toString());
                    update.setInt(2, local.getYear());
                    update.setInt(3, local.getMonthValue());
                    update.setInt(4, local.getDayOfWeek().getValue());
                    update.setInt(5, local.getHour());
                    update.setLong(6, rows[i][0]);
                    update.addBatch();
                }
                update.executeBatch();
                after = rows[count - 1][0];
            }
        }
    }
}
