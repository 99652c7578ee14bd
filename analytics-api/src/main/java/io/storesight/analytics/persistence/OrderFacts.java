package io.storesight.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.OrderLine;
import io.storesight.analytics.OrderRow;
import io.storesight.common.persistence.Jdbc;

/** Orders of the read model, their lines and whom they are attributed to. */
@ApplicationScoped
public class OrderFacts {
    private static final String COLUMNS = "order_id, order_number, store_id, counter_id, counter_camera_id, "
            + "ordered_ms, total_cents, currency, status, customer_id, sighting_key, tier, age_band, gender";

    private final Jdbc jdbc;

    public OrderFacts(Jdbc jdbc) {
        this.jdbc = jdbc.cached();
    }

    public Optional<OrderRow> find(String orderId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM orders WHERE order_id = ?", OrderFacts::row, orderId);
    }

    public List<OrderRow> at(String cameraId, long fromMs, long toMs) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM orders WHERE counter_camera_id = ? AND ordered_ms BETWEEN ? " + "AND ?",
                OrderFacts::row,
                cameraId,
                fromMs,
                toMs);
    }

    public List<OrderRow> of(String customerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE customer_id = ?", OrderFacts::row, customerId);
    }

    /** The orders attributed to any of the sightings. */
    public List<OrderRow> ofSightings(List<String> sightingKeys) {
        List<OrderRow> out = new ArrayList<>();
        for (String key : sightingKeys) {
            out.addAll(jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE sighting_key = ?", OrderFacts::row, key));
        }
        return out;
    }

    /** Newest first, optionally one store's or one customer's. */
    public List<OrderRow> recent(String storeId, String customerId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (storeId != null) {
            sql.append(" AND store_id = ?");
            args.add(storeId);
        }
        if (customerId != null) {
            sql.append(" AND customer_id = ?");
            args.add(customerId);
        }
        sql.append(" ORDER BY ordered_ms DESC, order_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), OrderFacts::row, args.toArray());
    }

    /** An order and its lines; day, year, month, weekday and hour are the order time's, store-local. */
    public void insert(OrderRow order, List<OrderLine> lines, String day, int year, int month, int weekday, int hour) {
        jdbc.update(
                "INSERT INTO orders (" + COLUMNS + ", day, year, month, weekday, hour) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                order.orderId(),
                order.orderNumber(),
                order.storeId(),
                order.counterId(),
                order.counterCameraId(),
                order.orderedMs(),
                order.totalCents(),
                order.currency(),
                order.status(),
                order.customerId(),
                order.sightingKey(),
                order.tier(),
                order.ageBand(),
                order.gender(),
                day,
                year,
                month,
                weekday,
                hour);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            rows.add(new Object[] {
                order.orderId(), i, line.itemId(), line.name(), line.category(), line.quantity(), line.unitPriceCents()
            });
        }
        jdbc.batch(
                "INSERT INTO order_items (order_id, line, menu_item_id, name, category, quantity, "
                        + "unit_price_cents) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    public List<OrderLine> linesOf(String orderId) {
        return jdbc.query(
                "SELECT menu_item_id, name, category, quantity, unit_price_cents FROM order_items "
                        + "WHERE order_id = ? ORDER BY line",
                r -> new OrderLine(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getLong(5)),
                orderId);
    }

    public void setStatus(String orderId, String status) {
        jdbc.update("UPDATE orders SET status = ? WHERE order_id = ?", status, orderId);
    }

    public void setAttribution(
            String orderId, String customerId, String sightingKey, String tier, String ageBand, String gender) {
        jdbc.update(
                "UPDATE orders SET customer_id = ?, sighting_key = ?, tier = ?, age_band = ?, gender = ? "
                        + "WHERE order_id = ?",
                customerId,
                sightingKey,
                tier,
                ageBand,
                gender,
                orderId);
    }

    /** Merge: every order of {@code fromCustomer} becomes {@code toCustomer}'s. */
    public void repoint(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE orders SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }

    private static OrderRow row(ResultSet r) throws SQLException {
        return new OrderRow(
                r.getString(1),
                r.getLong(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getLong(6),
                r.getLong(7),
                r.getString(8),
                r.getString(9),
                r.getString(10),
                r.getString(11),
                r.getString(12),
                r.getString(13),
                r.getString(14));
    }
}
