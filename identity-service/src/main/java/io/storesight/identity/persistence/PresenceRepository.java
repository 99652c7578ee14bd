package io.storesight.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.contracts.FaceObservationEvent.Box;
import io.storesight.identity.CameraClock;
import io.storesight.identity.Demographics;
import io.storesight.identity.Place;
import io.storesight.identity.Seen;
import io.storesight.identity.Sighting;
import io.storesight.identity.Visit;

/** Camera clocks, sightings and visits. */
@ApplicationScoped
public class PresenceRepository {
    private static final String SIGHTING_COLUMNS = "id, customer_id, visit_id, camera_id, camera_role, store_id, "
            + "started_at, last_seen_at, ended_at, frames, box_x, box_y, box_w, box_h, image_width, image_height, "
            + "age_sum, age_weight, male_weight, female_weight";
    private static final String VISIT_COLUMNS =
            "id, customer_id, store_id, visit_number, started_at, last_seen_at, " + "ended_at";

    /** Filters of the visit list; null fields do not filter. */
    public record VisitQuery(String customerId, String storeId, Long from, Long to, Boolean open, int page, int size) {}

    private final Jdbc jdbc;

    public PresenceRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    // --- camera clocks

    public void advanceClock(String cameraId, String storeId, String cameraRole, long captureTime, long receivedAt) {
        jdbc.update(
                "INSERT INTO camera_clocks (camera_id, store_id, camera_role, capture_time, received_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (camera_id) DO UPDATE SET store_id = excluded.store_id, "
                        + "camera_role = excluded.camera_role, received_at = excluded.received_at, "
                        + "capture_time = MAX(capture_time, excluded.capture_time)",
                cameraId,
                storeId,
                cameraRole,
                captureTime,
                receivedAt);
    }

    public long cameraTime(String cameraId) {
        return jdbc.count("SELECT capture_time FROM camera_clocks WHERE camera_id = ?", cameraId);
    }

    /**
     * The store's clock is a watermark: the earliest capture time among its cameras that are still delivering
     * (received something since {@code aliveSince}). Cameras are processed independently, so after an outage one
     * camera's backlog can run ahead of another's; a MAX clock would then end a visit while a slower camera still
     * holds the person in frames not processed yet. A camera gone silent drops out of the watermark (the sweeper ends
     * its presence by wall clock), so it cannot hold visits open forever.
     */
    public long storeTime(String storeId, long aliveSince) {
        return jdbc.count(
                "SELECT COALESCE(MIN(capture_time), "
                        + "(SELECT MAX(capture_time) FROM camera_clocks WHERE store_id = ?)) "
                        + "FROM camera_clocks WHERE store_id = ? AND received_at >= ?",
                storeId,
                storeId,
                aliveSince);
    }

    public List<CameraClock> clocks() {
        return jdbc.query(
                "SELECT camera_id, store_id, camera_role, capture_time, received_at FROM camera_clocks",
                row -> new CameraClock(
                        row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5)));
    }

    // --- sightings

    public Optional<Sighting> openSighting(String customerId, String cameraId) {
        return jdbc.queryOne(
                "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE customer_id = ? AND camera_id = ? "
                        + "AND ended_at IS NULL",
                PresenceRepository::sighting,
                customerId,
                cameraId);
    }

    public List<Sighting> staleSightings(String cameraId, long lastSeenBefore) {
        return jdbc.query(
                "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE camera_id = ? AND ended_at IS NULL "
                        + "AND last_seen_at < ? ORDER BY last_seen_at",
                PresenceRepository::sighting,
                cameraId,
                lastSeenBefore);
    }

    public List<Sighting> openSightingsOfVisit(String visitId) {
        return jdbc.query(
                "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE visit_id = ? AND ended_at IS NULL "
                        + "ORDER BY started_at",
                PresenceRepository::sighting,
                visitId);
    }

    public List<Sighting> openSightings(String cameraId, String storeId) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE ended_at IS NULL";
        if (cameraId != null) {
            sql += " AND camera_id = ?";
            params.add(cameraId);
        }
        if (storeId != null) {
            sql += " AND store_id = ?";
            params.add(storeId);
        }
        return jdbc.query(sql + " ORDER BY camera_id, started_at", PresenceRepository::sighting, params.toArray());
    }

    public List<Sighting> sightingsOfCustomer(String customerId, int limit) {
        return jdbc.query(
                "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE customer_id = ? "
                        + "ORDER BY started_at DESC LIMIT ?",
                PresenceRepository::sighting,
                customerId,
                limit);
    }

    /** Per camera: how often and how long (frames) the customer was sighted there, and when last. */
    public record CameraSightings(
            String cameraId, String cameraRole, String storeId, long sightings, long frames, long lastSeenAt) {}

    public List<CameraSightings> sightingsByCamera(String customerId) {
        return jdbc.query(
                "SELECT camera_id, MAX(camera_role), MAX(store_id), COUNT(*), SUM(frames), "
                        + "MAX(last_seen_at) FROM sightings WHERE customer_id = ? GROUP BY camera_id "
                        + "ORDER BY COUNT(*) DESC, camera_id",
                row -> new CameraSightings(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getLong(4),
                        row.getLong(5),
                        row.getLong(6)),
                customerId);
    }

    public void insertSighting(Sighting s) {
        Demographics d = s.demographics();
        jdbc.update(
                "INSERT INTO sightings (" + SIGHTING_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                s.id(),
                s.customerId(),
                s.visitId(),
                s.cameraId(),
                s.cameraRole(),
                s.storeId(),
                s.startedAt(),
                s.lastSeenAt(),
                s.endedAt(),
                s.frames(),
                s.box().x(),
                s.box().y(),
                s.box().width(),
                s.box().height(),
                s.imageWidth(),
                s.imageHeight(),
                d.ageSum(),
                d.ageWeight(),
                d.maleWeight(),
                d.femaleWeight());
    }

    /** More frames of an open sighting; the box is the latest frame's (for a live view). */
    public void touchSighting(String id, Seen seen) {
        long t = seen.to();
        Demographics d = seen.demographics();
        jdbc.update(
                "UPDATE sightings SET frames = frames + ?, "
                        + "box_x = CASE WHEN ? >= last_seen_at THEN ? ELSE box_x END, "
                        + "box_y = CASE WHEN ? >= last_seen_at THEN ? ELSE box_y END, "
                        + "box_w = CASE WHEN ? >= last_seen_at THEN ? ELSE box_w END, "
                        + "box_h = CASE WHEN ? >= last_seen_at THEN ? ELSE box_h END, "
                        + "image_width = CASE WHEN ? >= last_seen_at THEN ? ELSE image_width END, "
                        + "image_height = CASE WHEN ? >= last_seen_at THEN ? ELSE image_height END, "
                        + "started_at = MIN(started_at, ?), last_seen_at = MAX(last_seen_at, ?), age_sum = age_sum + ?, "
                        + "age_weight = age_weight + ?, male_weight = male_weight + ?, female_weight = female_weight + ? "
                        + "WHERE id = ?",
                seen.frames(),
                t,
                seen.box().x(),
                t,
                seen.box().y(),
                t,
                seen.box().width(),
                t,
                seen.box().height(),
                t,
                seen.imageWidth(),
                t,
                seen.imageHeight(),
                seen.from(),
                t,
                d.ageSum(),
                d.ageWeight(),
                d.maleWeight(),
                d.femaleWeight(),
                id);
    }

    public void endSighting(String id, long endedAt) {
        jdbc.update("UPDATE sightings SET ended_at = ? WHERE id = ? AND ended_at IS NULL", endedAt, id);
    }

    // --- visits

    public Optional<Visit> openVisit(String customerId, String storeId) {
        return jdbc.queryOne(
                "SELECT " + VISIT_COLUMNS + " FROM visits WHERE customer_id = ? AND store_id = ? "
                        + "AND ended_at IS NULL",
                PresenceRepository::visit,
                customerId,
                storeId);
    }

    public Optional<Visit> findVisit(String id) {
        return jdbc.queryOne("SELECT " + VISIT_COLUMNS + " FROM visits WHERE id = ?", PresenceRepository::visit, id);
    }

    public List<Visit> staleVisits(String storeId, long lastSeenBefore) {
        return jdbc.query(
                "SELECT " + VISIT_COLUMNS + " FROM visits WHERE store_id = ? AND ended_at IS NULL "
                        + "AND last_seen_at < ? ORDER BY last_seen_at",
                PresenceRepository::visit,
                storeId,
                lastSeenBefore);
    }

    public void insertVisit(Visit v) {
        jdbc.update(
                "INSERT INTO visits (" + VISIT_COLUMNS + ") VALUES (?,?,?,?,?,?,?)",
                v.id(),
                v.customerId(),
                v.storeId(),
                v.visitNumber(),
                v.startedAt(),
                v.lastSeenAt(),
                v.endedAt());
    }

    public void touchVisit(String id, long from, long to) {
        jdbc.update(
                "UPDATE visits SET started_at = MIN(started_at, ?), last_seen_at = MAX(last_seen_at, ?) "
                        + "WHERE id = ?",
                from,
                to,
                id);
    }

    public void endVisit(String id, long endedAt) {
        jdbc.update("UPDATE visits SET ended_at = ? WHERE id = ? AND ended_at IS NULL", endedAt, id);
    }

    /** Retention: at most {@code limit} visits that ended before {@code cutoff}; their sightings go with them. */
    public int purgeEndedVisits(long cutoff, int limit) {
        return jdbc.purge("visits", "ended_at", cutoff, limit, null);
    }

    public List<Visit> visitsOfCustomer(String customerId) {
        return jdbc.query(
                "SELECT " + VISIT_COLUMNS + " FROM visits WHERE customer_id = ? ORDER BY started_at",
                PresenceRepository::visit,
                customerId);
    }

    public List<Visit> visits(VisitQuery q) {
        List<Object> params = new ArrayList<>();
        String where = visitWhere(q, params);
        params.add(q.size());
        params.add((long) q.page() * q.size());
        return jdbc.query(
                "SELECT " + VISIT_COLUMNS + " FROM visits" + where + " ORDER BY started_at DESC, id LIMIT ? OFFSET ?",
                PresenceRepository::visit,
                params.toArray());
    }

    public long countVisits(VisitQuery q) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("SELECT COUNT(*) FROM visits" + visitWhere(q, params), params.toArray());
    }

    /** Merge: every visit and sighting of {@code from} becomes {@code to}'s, visits renumbered by start time. */
    public void reassign(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE visits SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
        jdbc.update("UPDATE sightings SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
        renumber(toCustomer);
    }

    /** Split: one visit, with all its sightings, becomes {@code toCustomer}'s. Renumber both customers after. */
    public void moveVisit(String visitId, String toCustomer) {
        jdbc.update("UPDATE visits SET customer_id = ? WHERE id = ?", toCustomer, visitId);
        jdbc.update("UPDATE sightings SET customer_id = ? WHERE visit_id = ?", toCustomer, visitId);
    }

    /** Numbers the customer's visits 1, 2, … by start time; returns how many there are. */
    public int renumber(String customerId) {
        List<String> ids = jdbc.query(
                "SELECT id FROM visits WHERE customer_id = ? ORDER BY started_at, id",
                row -> row.getString(1),
                customerId);
        for (int i = 0; i < ids.size(); i++) {
            jdbc.update("UPDATE visits SET visit_number = ? WHERE id = ?", i + 1, ids.get(i));
        }
        return ids.size();
    }

    public Optional<Sighting> findSighting(String id) {
        return jdbc.queryOne(
                "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE id = ?", PresenceRepository::sighting, id);
    }

    public List<Sighting> sightingsOfVisit(String visitId) {
        return jdbc.query(
                "SELECT " + SIGHTING_COLUMNS + " FROM sightings WHERE visit_id = ? ORDER BY started_at",
                PresenceRepository::sighting,
                visitId);
    }

    /**
     * How many are inside each store: customers with an open visit, and visitors nobody has recognised yet (the
     * open undecided tracks at the store's entrance cameras, or at any of its cameras when it has no entrance).
     * Every store with a camera is listed, with zeros when empty.
     */
    public Map<String, Occupancy> occupancy() {
        Map<String, Occupancy> out = new TreeMap<>();
        jdbc.query(
                "SELECT DISTINCT store_id FROM camera_clocks", row -> out.put(row.getString(1), new Occupancy(0, 0)));
        // The store's own staff are there all day: they are not who the owner counts.
        jdbc.query(
                "SELECT v.store_id, COUNT(DISTINCT v.customer_id) FROM visits v JOIN customers c "
                        + "ON c.id = v.customer_id WHERE v.ended_at IS NULL AND c.staff = 0 GROUP BY v.store_id",
                row -> out.put(row.getString(1), new Occupancy(row.getInt(2), 0)));
        jdbc.query(
                "SELECT t.store_id, COUNT(*) FROM tracks t WHERE t.customer_id IS NULL AND (t.camera_role = ? "
                        + "OR NOT EXISTS (SELECT 1 FROM camera_clocks c WHERE c.store_id = t.store_id AND c.camera_role = ?)) "
                        + "GROUP BY t.store_id",
                row -> out.merge(
                        row.getString(1),
                        new Occupancy(0, row.getInt(2)),
                        (a, b) -> new Occupancy(a.customers(), b.visitors())),
                Place.ENTRANCE,
                Place.ENTRANCE);
        return out;
    }

    /** A store's head count: {@code customers} with an open visit and {@code visitors} not recognised yet. */
    public record Occupancy(int customers, int visitors) {
        public int inside() {
            return customers + visitors;
        }
    }

    /** Whether the store has a camera at its entrance (stores without one count visitors at every camera). */
    public boolean hasEntrance(String storeId) {
        return jdbc.count(
                        "SELECT COUNT(*) FROM camera_clocks WHERE store_id = ? AND camera_role = ?",
                        storeId,
                        Place.ENTRANCE)
                > 0;
    }

    private static String visitWhere(VisitQuery q, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (q.customerId() != null) {
            clauses.add("customer_id = ?");
            params.add(q.customerId());
        }
        if (q.storeId() != null) {
            clauses.add("store_id = ?");
            params.add(q.storeId());
        }
        if (q.from() != null) {
            clauses.add("started_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            clauses.add("started_at < ?");
            params.add(q.to());
        }
        if (q.open() != null) {
            clauses.add(q.open() ? "ended_at IS NULL" : "ended_at IS NOT NULL");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    static Sighting sighting(ResultSet row) throws SQLException {
        return new Sighting(
                row.getString("id"),
                row.getString("customer_id"),
                row.getString("visit_id"),
                row.getString("camera_id"),
                row.getString("camera_role"),
                row.getString("store_id"),
                row.getLong("started_at"),
                row.getLong("last_seen_at"),
                Jdbc.nullableLong(row, "ended_at"),
                row.getInt("frames"),
                new Box(row.getFloat("box_x"), row.getFloat("box_y"), row.getFloat("box_w"), row.getFloat("box_h")),
                row.getInt("image_width"),
                row.getInt("image_height"),
                new Demographics(
                        row.getDouble("age_sum"),
                        row.getDouble("age_weight"),
                        row.getDouble("male_weight"),
                        row.getDouble("female_weight")));
    }

    static Visit visit(ResultSet row) throws SQLException {
        return new Visit(
                row.getString("id"),
                row.getString("customer_id"),
                row.getString("store_id"),
                row.getInt("visit_number"),
                row.getLong("started_at"),
                row.getLong("last_seen_at"),
                Jdbc.nullableLong(row, "ended_at"));
    }
}
