package io.storesight.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.common.persistence.Writer;

/** Per store and minute, how many were inside: the minute's last count (by event time) and its peak. */
@ApplicationScoped
public class OccupancySamples {
    private static final long MINUTE_MS = 60_000;
    private static final String COLUMNS = "store_id, minute_ms, at_ms, inside, customers, visitors, peak";

    /** One minute of one store. */
    public record Sample(String storeId, long minuteMs, long atMs, int inside, int customers, int visitors, int peak) {}

    private static final int PURGE_BATCH = 5_000;

    private final Jdbc jdbc;
    private final Writer writer;

    public OccupancySamples(Jdbc jdbc, Writer writer) {
        this.jdbc = jdbc.cached();
        this.writer = writer;
    }

    /**
     * A count at {@code atMs}. Applying the same count twice changes nothing, and a count older than the minute's
     * last one only raises its peak, so redeliveries and reordering leave the curve as it was.
     */
    public void record(String storeId, long atMs, int inside, int customers, int visitors) {
        long minute = Math.floorDiv(atMs, MINUTE_MS) * MINUTE_MS;
        jdbc.update(
                "INSERT INTO occupancy_samples (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store_id, minute_ms) DO UPDATE SET "
                        + "at_ms = CASE WHEN excluded.at_ms >= at_ms THEN excluded.at_ms ELSE at_ms END, "
                        + "inside = CASE WHEN excluded.at_ms >= at_ms THEN excluded.inside ELSE inside END, "
                        + "customers = CASE WHEN excluded.at_ms >= at_ms THEN excluded.customers ELSE customers END, "
                        + "visitors = CASE WHEN excluded.at_ms >= at_ms THEN excluded.visitors ELSE visitors END, "
                        + "peak = MAX(peak, excluded.peak)",
                storeId,
                minute,
                atMs,
                inside,
                customers,
                visitors,
                inside);
    }

    /** The latest sample of each store (of {@code storeId} alone when given). */
    public List<Sample> latest(String storeId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM occupancy_samples s WHERE minute_ms = (SELECT MAX(minute_ms) "
                        + "FROM occupancy_samples WHERE store_id = s.store_id)"
                        + (storeId == null ? "" : " AND store_id = ?")
                        + " ORDER BY store_id",
                OccupancySamples::row,
                storeId == null ? new Object[0] : new Object[] {storeId});
    }

    /** A store's samples of the minutes in [fromMs, toMs), oldest first. */
    public List<Sample> between(String storeId, long fromMs, long toMs) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM occupancy_samples WHERE store_id = ? AND minute_ms >= ? "
                        + "AND minute_ms < ? ORDER BY minute_ms",
                OccupancySamples::row,
                storeId,
                fromMs,
                toMs);
    }

    /** The last sample before {@code beforeMs}: how many were inside when a day's curve begins. */
    public Optional<Sample> lastBefore(String storeId, long beforeMs) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM occupancy_samples WHERE store_id = ? AND minute_ms < ? "
                        + "ORDER BY minute_ms DESC LIMIT 1",
                OccupancySamples::row,
                storeId,
                beforeMs);
    }

    /** Forgets the minutes before {@code cutoffMs}, in short write transactions; returns how many went. */
    public int purgeOlderThan(long cutoffMs) {
        return writer.inBatches(
                PURGE_BATCH, limit -> jdbc.purge("occupancy_samples", "minute_ms", cutoffMs, limit, null));
    }

    private static Sample row(ResultSet r) throws SQLException {
        return new Sample(
                r.getString(1), r.getLong(2), r.getLong(3), r.getInt(4), r.getInt(5), r.getInt(6), r.getInt(7));
    }
}
