package io.storesight.camera.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.camera.CameraRole;
import io.storesight.camera.CameraSettings;

/** The cameras table, in plain JDBC. */
@ApplicationScoped
public class CameraRepository {
    private static final String COLUMNS = "id, name, store_id, role, source, fps, max_long_side, jpeg_quality, "
            + "motion_gating, motion_sensitivity, loop, source_fps, paused, origin";

    private final DataSource dataSource;

    public CameraRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<CameraSettings> findAll() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<CameraSettings> all = new ArrayList<>();
            while (rs.next()) {
                all.add(map(rs));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read cameras", e);
        }
    }

    public Optional<CameraSettings> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read camera " + id, e);
        }
    }

    /** Inserts; false when the id is taken. */
    public boolean insert(CameraSettings camera) {
        String now = Instant.now().toString();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO cameras (" + COLUMNS
                        + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, camera);
            ps.setString(15, now);
            ps.setString(16, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert camera " + camera.id(), e);
        }
    }

    /** Writes a camera whether or not it exists (config and demo cameras at start). */
    public void upsert(CameraSettings camera) {
        if (!insert(camera)) {
            update(camera);
        }
    }

    public boolean update(CameraSettings camera) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE cameras SET id = ?, name = ?, store_id = ?, "
                        + "role = ?, source = ?, fps = ?, max_long_side = ?, jpeg_quality = ?, motion_gating = ?, "
                        + "motion_sensitivity = ?, loop = ?, source_fps = ?, paused = ?, origin = ?, updated_at = ? "
                        + "WHERE id = ?")) {
            bind(ps, camera);
            ps.setString(15, Instant.now().toString());
            ps.setString(16, camera.id());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update camera " + camera.id(), e);
        }
    }

    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM cameras WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete camera " + id, e);
        }
    }

    private static void bind(PreparedStatement ps, CameraSettings camera) throws SQLException {
        ps.setString(1, camera.id());
        ps.setString(2, camera.name());
        ps.setString(3, camera.storeId());
        ps.setString(4, camera.role().wireName());
        ps.setString(5, camera.source());
        ps.setDouble(6, camera.fps());
        ps.setInt(7, camera.maxLongSide());
        ps.setInt(8, camera.jpegQuality());
        ps.setInt(9, camera.motionGating() ? 1 : 0);
        ps.setDouble(10, camera.motionSensitivity());
        ps.setInt(11, camera.loop() ? 1 : 0);
        if (camera.sourceFps() == null) {
            ps.setNull(12, Types.REAL);
        } else {
            ps.setDouble(12, camera.sourceFps());
        }
        ps.setInt(13, camera.paused() ? 1 : 0);
        ps.setString(14, camera.origin());
    }

    private static CameraSettings map(ResultSet rs) throws SQLException {
        double sourceFps = rs.getDouble("source_fps");
        Double boxedSourceFps = rs.wasNull() ? null : sourceFps;
        return new CameraSettings(rs.getString("id"), rs.getString("name"), rs.getString("store_id"),
                CameraRole.parse(rs.getString("role")), rs.getString("source"), rs.getDouble("fps"),
                rs.getInt("max_long_side"), rs.getInt("jpeg_quality"), rs.getInt("motion_gating") == 1,
                rs.getDouble("motion_sensitivity"), rs.getInt("loop") == 1, boxedSourceFps,
                rs.getInt("paused") == 1, rs.getString("origin"));
    }
}
