package io.storesight.sales.persistence;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

import io.storesight.sales.Order;
import io.storesight.sales.OrderLine;
import io.storesight.sales.OrderQuery;
import io.storesight.sales.OrderStatus;

@ApplicationScoped
public class OrderRepository {
    private static final String COLUMNS = "number, id, store_id, counter_id, counter_camera_id, status, total, "
            + "currency, ordered_at, cancelled_at";

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An order already stored under an idempotency key, with the fingerprint of the request that created it. */
    public record KeyedOrder(String orderId, String requestHash) {
    }

    /** Stores the order and its lines (the order's number is ignored) and returns the number it was given. */
    public long insert(Order order, String idempotencyKey, String requestHash) {
        try (Connection c = dataSource.getConnection()) {
            long number;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, store_id, counter_id, "
                    + "counter_camera_id, status, total, currency, ordered_at, idempotency_key, request_hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING number")) {
                ps.setString(1, order.id());
                ps.setString(2, order.storeId());
                ps.setString(3, order.counterId());
                setNullable(ps, 4, order.counterCameraId());
                ps.setString(5, order.status().name());
                ps.setString(6, order.total().toPlainString());
                ps.setString(7, order.currency());
                ps.setLong(8, order.orderedAt().toEpochMilli());
                setNullable(ps, 9, idempotencyKey);
                setNullable(ps, 10, requestHash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    number = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_items (order_id, line, menu_item_id, "
                    + "name, category, quantity, unit_price) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int line = 1;
                for (OrderLine item : order.items()) {
                    ps.setString(1, order.id());
                    ps.setInt(2, line++);
                    ps.setString(3, item.menuItemId());
                    ps.setString(4, item.name());
                    ps.setString(5, item.category());
                    ps.setInt(6, item.quantity());
                    ps.setString(7, item.unitPrice().toPlainString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return number;
        } catch (SQLException e) {
            throw Jdbc.failure("store order " + order.id(), e);
        }
    }

    public Optional<KeyedOrder> findByIdempotencyKey(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, request_hash FROM orders WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new KeyedOrder(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("look up an idempotency key", e);
        }
    }

    public Optional<Order> find(String id) {
        List<Order> found = select(" WHERE id = ?", List.of(id), "read order " + id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<Order> list(OrderQuery query) {
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (query.from() != null) {
            clause(where, "ordered_at >= ?");
            args.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            clause(where, "ordered_at < ?");
            args.add(query.to().toEpochMilli());
        }
        if (query.storeId() != null) {
            clause(where, "store_id = ?");
            args.add(query.storeId());
        }
        if (query.status() != null) {
            clause(where, "status = ?");
            args.add(query.status().name());
        }
        where.append(" ORDER BY number DESC LIMIT ? OFFSET ?");
        args.add(query.limit());
        args.add(query.offset());
        return select(where.toString(), args, "list orders");
    }

    /** Returns false when the order was not in PLACED state (so nothing changed). */
    public boolean markCancelled(String id, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET status = 'CANCELLED', cancelled_at = ? WHERE id = ? AND status = 'PLACED'")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("cancel order " + id, e);
        }
    }

    private List<Order> select(String where, List<Object> args, String what) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM orders" + where)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString("id"), new Row(rs.getLong("number"), rs.getString("id"),
                            rs.getString("store_id"), rs.getString("counter_id"), rs.getString("counter_camera_id"),
                            OrderStatus.valueOf(rs.getString("status")), Jdbc.money(rs, "total"),
                            rs.getString("currency"), Jdbc.instant(rs, "ordered_at"),
                            Jdbc.instant(rs, "cancelled_at")));
                }
            }
            Map<String, List<OrderLine>> lines = lines(c, rows.keySet());
            List<Order> orders = new ArrayList<>(rows.size());
            for (Row r : rows.values()) {
                orders.add(new Order(r.id, r.number, r.storeId, r.counterId, r.cameraId, r.status,
                        lines.getOrDefault(r.id, List.of()), r.total, r.currency, r.orderedAt, r.cancelledAt));
            }
            return orders;
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }

    private static Map<String, List<OrderLine>> lines(Connection c, Set<String> orderIds)
            throws SQLException {
        Map<String, List<OrderLine>> lines = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return lines;
        }
        String sql = "SELECT order_id, menu_item_id, name, category, quantity, unit_price FROM order_items "
                + "WHERE order_id IN (" + String.join(",", Collections.nCopies(orderIds.size(), "?"))
                + ") ORDER BY order_id, line";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String id : orderIds) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.computeIfAbsent(rs.getString("order_id"), k -> new ArrayList<>())
                            .add(new OrderLine(rs.getString("menu_item_id"), rs.getString("name"),
                                    rs.getString("category"), rs.getInt("quantity"), Jdbc.money(rs, "unit_price")));
                }
            }
        }
        return lines;
    }

    private static void clause(StringBuilder where, String condition) {
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(condition);
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private record Row(long number, String id, String storeId, String counterId, String cameraId,
            OrderStatus status, BigDecimal total, String currency, Instant orderedAt, Instant cancelledAt) {
    }
}
