package io.storesight.sales.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.sales.MenuItem;

/** The menu: times in epoch milliseconds, prices as decimal strings (exact). */
@ApplicationScoped
public class MenuRepository {
    private static final String COLUMNS =
            "id, name, category, price, currency, active, sort_order, description, image_url, updated_at";

    private final Jdbc jdbc;

    public MenuRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<MenuItem> list(boolean activeOnly) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM menu_items" + (activeOnly ? " WHERE active = 1" : "")
                        + " ORDER BY sort_order, name",
                MenuRepository::read);
    }

    public Optional<MenuItem> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM menu_items WHERE id = ?", MenuRepository::read, id);
    }

    public Map<String, MenuItem> findAll(Collection<String> ids) {
        Map<String, MenuItem> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query(
                            "SELECT " + COLUMNS + " FROM menu_items WHERE id IN ("
                                    + String.join(",", Collections.nCopies(ids.size(), "?")) + ")",
                            MenuRepository::read,
                            ids.toArray())
                    .forEach(item -> found.put(item.id(), item));
        }
        return found;
    }

    public void insert(MenuItem item) {
        jdbc.update(
                "INSERT INTO menu_items (name, category, price, currency, active, sort_order, description, "
                        + "image_url, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values(item));
    }

    /** Returns false when no item has that id. */
    public boolean update(MenuItem item) {
        return jdbc.update(
                        "UPDATE menu_items SET name = ?, category = ?, price = ?, currency = ?, active = ?, "
                                + "sort_order = ?, description = ?, image_url = ?, updated_at = ? WHERE id = ?",
                        values(item))
                == 1;
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM menu_items WHERE id = ?", id) == 1;
    }

    private static Object[] values(MenuItem item) {
        return new Object[] {
            item.name(),
            item.category(),
            item.price().toPlainString(),
            item.currency(),
            item.active(),
            item.sortOrder(),
            item.description(),
            item.imageUrl(),
            item.updatedAt().toEpochMilli(),
            item.id()
        };
    }

    private static MenuItem read(ResultSet rs) throws SQLException {
        return new MenuItem(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("category"),
                money(rs, "price"),
                rs.getString("currency"),
                rs.getInt("active") == 1,
                rs.getInt("sort_order"),
                rs.getString("description"),
                rs.getString("image_url"),
                instant(rs, "updated_at"));
    }

    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return new BigDecimal(rs.getString(column));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = Jdbc.nullableLong(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
