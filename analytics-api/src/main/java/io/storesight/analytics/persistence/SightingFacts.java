package io.storesight.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Attribution.Candidate;
import io.storesight.common.persistence.Jdbc;

/** Customers' sightings at cameras: the candidates of order attribution (the store's staff never are). */
@ApplicationScoped
public class SightingFacts {
    private static final String CANDIDATE_COLUMNS =
            "sighting_key, customer_id, started_ms, ended_ms, tier, age_band, " + "gender";

    /** Where and when a customer was sighted; endedMs is null while the sighting is open. */
    public record Span(String cameraId, long startedMs, Long endedMs) {}

    private final Jdbc jdbc;

    public SightingFacts(Jdbc jdbc) {
        this.jdbc = jdbc.cached();
    }

    public Optional<Candidate> find(String sightingKey) {
        return jdbc.queryOne(
                "SELECT " + CANDIDATE_COLUMNS + " FROM sightings WHERE sighting_key = ?",
                SightingFacts::candidate,
                sightingKey);
    }

    public void insert(Candidate sighting, String storeId, String cameraId) {
        jdbc.update(
                "INSERT INTO sightings (sighting_key, customer_id, store_id, camera_id, started_ms, ended_ms, tier, "
                        + "age_band, gender) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sighting.sightingKey(),
                sighting.customerId(),
                storeId,
                cameraId,
                sighting.startedMs(),
                sighting.endedMs(),
                sighting.tier(),
                sighting.ageBand(),
                sighting.gender());
    }

    public void end(String sightingKey, long endedMs) {
        jdbc.update("UPDATE sightings SET ended_ms = ? WHERE sighting_key = ?", endedMs, sightingKey);
    }

    /**
     * Customers' sightings at a camera that started within [fromMs, toMs] and had not ended before endedNotBeforeMs;
     * the staff's are left out.
     */
    public List<Candidate> at(String cameraId, long fromMs, long toMs, long endedNotBeforeMs) {
        return jdbc.query(
                "SELECT " + CANDIDATE_COLUMNS + " FROM sightings WHERE camera_id = ? "
                        + "AND started_ms BETWEEN ? AND ? AND (ended_ms IS NULL OR ended_ms >= ?) AND "
                        + CustomerFacts.NOT_STAFF,
                SightingFacts::candidate,
                cameraId,
                fromMs,
                toMs,
                endedNotBeforeMs);
    }

    public List<Span> spansOf(String customerId) {
        return jdbc.query(
                "SELECT camera_id, started_ms, ended_ms FROM sightings WHERE customer_id = ?",
                SightingFacts::span,
                customerId);
    }

    public List<Span> spans(List<String> sightingKeys) {
        List<Span> spans = new ArrayList<>();
        for (String key : sightingKeys) {
            jdbc.queryOne(
                            "SELECT camera_id, started_ms, ended_ms FROM sightings WHERE sighting_key = ?",
                            SightingFacts::span,
                            key)
                    .ifPresent(spans::add);
        }
        return spans;
    }

    /** Split: the listed sightings of {@code from} become {@code to}'s. */
    public void move(List<String> sightingKeys, String from, String to) {
        for (String key : sightingKeys) {
            jdbc.update(
                    "UPDATE sightings SET customer_id = ? WHERE sighting_key = ? AND customer_id = ?", to, key, from);
        }
    }

    /** Merge: every sighting of {@code fromCustomer} becomes {@code toCustomer}'s. */
    public void repoint(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE sightings SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }

    public void deleteOf(String customerId) {
        jdbc.update("DELETE FROM sightings WHERE customer_id = ?", customerId);
    }

    private static Candidate candidate(ResultSet r) throws SQLException {
        return new Candidate(
                r.getString(1),
                r.getString(2),
                r.getLong(3),
                Jdbc.nullableLong(r, 4),
                r.getString(5),
                r.getString(6),
                r.getString(7));
    }

    private static Span span(ResultSet r) throws SQLException {
        return new Span(r.getString(1), r.getLong(2), Jdbc.nullableLong(r, 3));
    }
}
