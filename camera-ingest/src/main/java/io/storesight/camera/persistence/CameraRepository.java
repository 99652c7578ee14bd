package io.storesight.camera.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.camera.CameraRole;
import io.storesight.camera.CameraSettings;
import io.storesight.common.persistence.Jdbc;

/** The cameras table. */
@ApplicationScoped
public class CameraRepository {
    private static final String COLUMNS = "id, name, store_id, role, source, fps, max_long_side, jpeg_quality, "
            + "motion_gating, motion_sensitivity, loop, source_fps, paused, origin";

    private final Jdbc jdbc;

    public CameraRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<CameraSettings> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM cameras ORDER BY id", CameraRepository::map);
    }

    public Optional<CameraSettings> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM cameras WHERE id = ?", CameraRepository::map, id);
    }

    /** Inserts; false when the id is taken. */
    public boolean insert(CameraSettings camera) {
        String now = Instant.now().toString();
        return jdbc.update(
                        "INSERT OR IGNORE INTO cameras (" + COLUMNS + ", created_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        values(camera, now, now))
                == 1;
    }

    /** Writes a camera whether or not it exists (config and demo cameras at start). */
    public void upsert(CameraSettings camera) {
        if (!insert(camera)) {
            update(camera);
        }
    }

    public boolean update(CameraSettings camera) {
        return jdbc.update(
                        "UPDATE cameras SET id = ?, name = ?, store_id = ?, role = ?, source = ?, fps = ?, "
                                + "max_long_side = ?, jpeg_quality = ?, motion_gating = ?, motion_sensitivity = ?, loop = ?, "
                                + "source_fps = ?, paused = ?, origin = ?, updated_at = ? WHERE id = ?",
                        values(camera, Instant.now().toString(), camera.id()))
                == 1;
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM cameras WHERE id = ?", id) == 1;
    }

    /** The columns of {@link #COLUMNS} in order, then {@code extra}. */
    private static Object[] values(CameraSettings camera, Object... extra) {
        Object[] columns = {
            camera.id(),
            camera.name(),
            camera.storeId(),
            camera.role().wireName(),
            camera.source(),
            camera.fps(),
            camera.maxLongSide(),
            camera.jpegQuality(),
            camera.motionGating(),
            camera.motionSensitivity(),
            camera.loop(),
            camera.sourceFps(),
            camera.paused(),
            camera.origin()
        };
        Object[] all = java.util.Arrays.copyOf(columns, columns.length + extra.length);
        System.arraycopy(extra, 0, all, columns.length, extra.length);
        return all;
    }

    private static CameraSettings map(ResultSet rs) throws SQLException {
        return new CameraSettings(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("store_id"),
                CameraRole.parse(rs.getString("role")),
                rs.getString("source"),
                rs.getDouble("fps"),
                rs.getInt("max_long_side"),
                rs.getInt("jpeg_quality"),
                rs.getInt("motion_gating") == 1,
                rs.getDouble("motion_sensitivity"),
                rs.getInt("loop") == 1,
                Jdbc.nullableDouble(rs, "source_fps"),
                rs.getInt("paused") == 1,
                rs.getString("origin"));
    }
}
