package io.storesight.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.contracts.FaceObservationEvent.Box;
import io.storesight.contracts.FaceObservationEvent.Gender;
import io.storesight.identity.Demographics;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Observation;
import io.storesight.identity.Place;
import io.storesight.identity.Track;

/** Open face tracks and their evidence faces. A track's row goes when it ends; its faces go with it. */
@ApplicationScoped
public class TrackRepository {
    private static final String COLUMNS = "id, camera_id, camera_role, store_id, started_at, last_seen_at, frames, "
            + "box_x, box_y, box_w, box_h, image_width, image_height, age_sum, age_weight, male_weight, "
            + "female_weight, customer_id, strong, near_known, candidates";
    private static final String FACE_COLUMNS = "track_id, frame_id, time, descriptor, quality, age, gender, "
            + "gender_confidence, box_x, box_y, box_w, box_h, image_width, image_height";

    private final Jdbc jdbc;

    public TrackRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The camera's open tracks, each with its evidence in capture order. */
    public List<Track> openAt(String cameraId) {
        return withFaces(
                jdbc.query(
                        "SELECT " + COLUMNS + " FROM tracks WHERE camera_id = ? ORDER BY started_at, id",
                        TrackRepository::track,
                        cameraId),
                "t.camera_id = ?",
                cameraId);
    }

    /** Every open track (opt-out enrolment looks through all of them). */
    public List<Track> all() {
        return withFaces(
                jdbc.query("SELECT " + COLUMNS + " FROM tracks ORDER BY started_at, id", TrackRepository::track),
                "1 = 1");
    }

    /** Inserts or updates the track and makes its stored faces equal its evidence. */
    public void save(Track t) {
        jdbc.update(
                "INSERT INTO tracks (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, "
                        + "last_seen_at = excluded.last_seen_at, frames = excluded.frames, box_x = excluded.box_x, "
                        + "box_y = excluded.box_y, box_w = excluded.box_w, box_h = excluded.box_h, "
                        + "image_width = excluded.image_width, image_height = excluded.image_height, "
                        + "age_sum = excluded.age_sum, age_weight = excluded.age_weight, "
                        + "male_weight = excluded.male_weight, female_weight = excluded.female_weight, "
                        + "customer_id = excluded.customer_id, strong = excluded.strong, near_known = excluded.near_known, "
                        + "candidates = excluded.candidates",
                t.id(),
                t.place().cameraId(),
                t.place().cameraRole(),
                t.place().storeId(),
                t.startedAt(),
                t.lastSeenAt(),
                t.frames(),
                t.box().x(),
                t.box().y(),
                t.box().width(),
                t.box().height(),
                t.imageWidth(),
                t.imageHeight(),
                t.demographics().ageSum(),
                t.demographics().ageWeight(),
                t.demographics().maleWeight(),
                t.demographics().femaleWeight(),
                t.customerId(),
                t.strong(),
                t.nearKnown(),
                String.join(",", t.candidates()));
        List<Object> kept = new ArrayList<>();
        kept.add(t.id());
        StringBuilder marks = new StringBuilder();
        for (Observation face : t.evidence()) {
            kept.add(face.frameId());
            marks.append(marks.isEmpty() ? "?" : ", ?");
        }
        jdbc.update(
                "DELETE FROM track_faces WHERE track_id = ?"
                        + (marks.isEmpty() ? "" : " AND frame_id NOT IN (" + marks + ")"),
                kept.toArray());
        for (Observation f : t.evidence()) {
            jdbc.update(
                    "INSERT OR IGNORE INTO track_faces (" + FACE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    t.id(),
                    f.frameId(),
                    f.time(),
                    Descriptors.toBytes(f.descriptor()),
                    f.quality(),
                    f.age(),
                    f.gender() == null ? null : f.gender().name(),
                    f.genderConfidence(),
                    f.box().x(),
                    f.box().y(),
                    f.box().width(),
                    f.box().height(),
                    f.imageWidth(),
                    f.imageHeight());
        }
    }

    public void delete(String trackId) {
        jdbc.update("DELETE FROM tracks WHERE id = ?", trackId);
    }

    /** After a merge: the tracks of the folded customer continue as the survivor's. */
    public void reassign(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE tracks SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }

    /** After a split: a track still open at the camera continues as the split-off customer's. */
    public void reassignAt(String fromCustomer, String cameraId, String toCustomer) {
        jdbc.update(
                "UPDATE tracks SET customer_id = ? WHERE customer_id = ? AND camera_id = ?",
                toCustomer,
                fromCustomer,
                cameraId);
    }

    public long countAll() {
        return jdbc.count("SELECT COUNT(*) FROM tracks");
    }

    private List<Track> withFaces(List<Track> tracks, String where, Object... params) {
        if (tracks.isEmpty()) {
            return tracks;
        }
        Map<String, List<Observation>> faces = new LinkedHashMap<>();
        jdbc.query(
                "SELECT f.* FROM track_faces f JOIN tracks t ON t.id = f.track_id WHERE " + where
                        + " ORDER BY f.time, f.frame_id",
                row -> faces.computeIfAbsent(row.getString("track_id"), id -> new ArrayList<>())
                        .add(face(row)),
                params);
        List<Track> out = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            out.add(new Track(
                    t.id(),
                    t.place(),
                    t.startedAt(),
                    t.lastSeenAt(),
                    t.frames(),
                    t.box(),
                    t.imageWidth(),
                    t.imageHeight(),
                    t.demographics(),
                    faces.getOrDefault(t.id(), List.of()),
                    t.customerId(),
                    t.strong(),
                    t.nearKnown(),
                    t.candidates()));
        }
        return out;
    }

    private static Track track(ResultSet row) throws SQLException {
        return new Track(
                row.getString("id"),
                new Place(row.getString("camera_id"), row.getString("camera_role"), row.getString("store_id")),
                row.getLong("started_at"),
                row.getLong("last_seen_at"),
                row.getInt("frames"),
                box(row),
                row.getInt("image_width"),
                row.getInt("image_height"),
                new Demographics(
                        row.getDouble("age_sum"),
                        row.getDouble("age_weight"),
                        row.getDouble("male_weight"),
                        row.getDouble("female_weight")),
                List.of(),
                row.getString("customer_id"),
                row.getInt("strong") == 1,
                row.getInt("near_known") == 1,
                candidates(row.getString("candidates")));
    }

    private static List<String> candidates(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static Observation face(ResultSet row) throws SQLException {
        String gender = row.getString("gender");
        return new Observation(
                row.getString("frame_id"),
                row.getLong("time"),
                Descriptors.fromBytes(row.getBytes("descriptor")),
                row.getFloat("quality"),
                row.getFloat("age"),
                gender == null ? null : Gender.valueOf(gender),
                row.getFloat("gender_confidence"),
                box(row),
                row.getInt("image_width"),
                row.getInt("image_height"));
    }

    private static Box box(ResultSet row) throws SQLException {
        return new Box(row.getFloat("box_x"), row.getFloat("box_y"), row.getFloat("box_w"), row.getFloat("box_h"));
    }
}
