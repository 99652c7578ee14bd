package io.storesight.sales.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

import io.storesight.sales.MenuItem;

@ApplicationScoped
public class MenuRepository {
    private static final String COLUMNS =
            "id, name, category, price, currency, active, sort_order, description, image_url, updated_at";

    private final DataSource dataSource;

    public MenuRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<MenuItem> list(boolean activeOnly) {
        String sql = "SELECT " + COLUMNS + " FROM menu_items" + (activeOnly ? " WHERE active = 1" : "")
                + " ORDER BY sort_order, name";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<MenuItem> items = new ArrayList<>();
            while (rs.next()) {
                items.add(read(rs));
            }
            return items;
        } catch (SQLException e) {
            throw Jdbc.failure("list the menu", e);
        }
    }

    public Optional<MenuItem> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM menu_items WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read menu item " + id, e);
        }
    }

    public Map<String, MenuItem> findAll(Collection<String> ids) {
        Map<String, MenuItem> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + COLUMNS + " FROM menu_items WHERE id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MenuItem item = read(rs);
                    found.put(item.id(), item);
                }
            }
            return found;
        } catch (SQLException e) {
            throw Jdbc.failure("read menu items", e);
        }
    }

    public void insert(MenuItem item) {
        write("INSERT INTO menu_items (name, category, price, currency, active, sort_order, description, image_url, "
                + "updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", item, "create menu item");
    }

    /** Returns false when no item has that id. */
    public boolean update(MenuItem item) {
        return write("UPDATE menu_items SET name = ?, category = ?, price = ?, currency = ?, active = ?, "
                + "sort_order = ?, description = ?, image_url = ?, updated_at = ? WHERE id = ?", item,
                "update menu item") == 1;
    }

    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM menu_items WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("delete menu item " + id, e);
        }
    }

    private int write(String sql, MenuItem item, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, item.name());
            ps.setString(2, item.category());
            ps.setString(3, item.price().toPlainString());
            ps.setString(4, item.currency());
            ps.setInt(5, item.active() ? 1 : 0);
            ps.setInt(6, item.sortOrder());
            setNullable(ps, 7, item.description());
            setNullable(ps, 8, item.imageUrl());
            ps.setLong(9, item.updatedAt().toEpochMilli());
            ps.setString(10, item.id());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(what + " " + item.id(), e);
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static MenuItem read(ResultSet rs) throws SQLException {
        return new MenuItem(rs.getString("id"), rs.getString("name"), rs.getString("category"),
                Jdbc.money(rs, "price"), rs.getString("currency"), rs.getInt("active") == 1, rs.getInt("sort_order"),
                rs.getString("description"), rs.getString("image_url"), Jdbc.instant(rs, "updated_at"));
    }
}
