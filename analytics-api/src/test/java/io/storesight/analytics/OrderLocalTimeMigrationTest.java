package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import db.migration.V4__backfill_order_local_time;

/**
 * Orders stored before V3 get their store-local day, year, month, weekday and hour from V4, in the configured zone
 * (here one with daylight saving time), page after page; V5 leaves the leaderboard's indexes. Plain Flyway on a
 * file of its own, no application.
 */
class OrderLocalTimeMigrationTest {
    private static final String SQL_MIGRATIONS = "filesystem:src/main/resources/db/migration";

    @Test
    void ordersStoredBeforeTheColumnsGetTheirLocalTime(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("migration.db");
        Flyway.configure()
                .dataSource(url, null, null)
                .locations(SQL_MIGRATIONS)
                .target("3")
                .load()
                .migrate();
        List<String> instants = List.of("2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2025-12-31T23:30:00Z");
        int fillers = 25_000;
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (order_id, order_number, "
                    + "store_id, counter_id, ordered_ms, total_cents, currency, status, tier, age_band, gender) "
                    + "VALUES (?, 0, 's', 'c', ?, 100, 'EUR', 'PLACED', 'NEW', 'unknown', 'UNKNOWN')")) {
                for (int i = 0; i < instants.size(); i++) {
                    insert.setString(1, "o-" + i);
                    insert.setLong(2, Instant.parse(instants.get(i)).toEpochMilli());
                    insert.addBatch();
                }
                for (int i = 0; i < fillers; i++) {
                    insert.setString(1, "filler-" + i);
                    insert.setLong(2, Instant.parse("2026-07-01T10:00:00Z").toEpochMilli() + i * 60_000L);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }

        Flyway.configure()
                .dataSource(url, null, null)
                .locations(SQL_MIGRATIONS)
                .javaMigrations(new V4__backfill_order_local_time(ZoneId.of("Europe/Berlin")))
                .load()
                .migrate();

        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet r = statement.executeQuery("SELECT order_id, day, year, month, weekday, hour FROM orders "
                    + "WHERE order_id LIKE 'o-%' ORDER BY order_id")) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getInt(3) + "-" + r.getInt(4) + " wd"
                            + r.getInt(5) + " h" + r.getInt(6));
                }
            }
            // 01:30 CET, then 03:30 CEST (the clocks jumped at 02:00); New Year's Eve in UTC is New Year's Day there.
            assertThat(rows)
                    .containsExactly(
                            "o-0 2026-03-29 2026-3 wd7 h1",
                            "o-1 2026-03-29 2026-3 wd7 h3",
                            "o-2 2026-01-01 2026-1 wd4 h0");
            try (ResultSet r = statement.executeQuery("SELECT COUNT(*), COUNT(day), COUNT(hour) FROM orders")) {
                r.next();
                assertThat(new long[] {r.getLong(1), r.getLong(2), r.getLong(3)})
                        .containsExactly(fillers + 3, fillers + 3, fillers + 3);
            }
            try (ResultSet r = statement.executeQuery("SELECT day, hour FROM orders WHERE order_id = 'filler-24999'")) {
                r.next();
                // 10:00 UTC + 24,999 minutes = 2026-07-18 18:39 UTC = 20:39 CEST
                assertThat(r.getString(1) + " " + r.getInt(2)).isEqualTo("2026-07-18 20");
            }
            List<String> indexes = new ArrayList<>();
            try (ResultSet r = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' "
                    + "AND tbl_name IN ('visits', 'orders') AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (r.next()) {
                    indexes.add(r.getString(1));
                }
            }
            assertThat(indexes)
                    .containsExactly(
                            "orders_by_customer",
                            "orders_by_day",
                            "orders_camera_time",
                            "visits_by_day",
                            "visits_unique");
        }
    }
}
