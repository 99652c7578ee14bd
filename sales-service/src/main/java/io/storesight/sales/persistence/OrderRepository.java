package io.storesight.sales.persistence;

import static io.storesight.sales.persistence.MenuRepository.instant;
import static io.storesight.sales.persistence.MenuRepository.money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.sales.Order;
import io.storesight.sales.OrderLine;
import io.storesight.sales.OrderQuery;
import io.storesight.sales.OrderStatus;

/** Orders and their lines: times in epoch milliseconds, money as decimal strings (exact). */
@ApplicationScoped
public class OrderRepository {
    private static final String COLUMNS = "number, id, store_id, counter_id, counter_camera_id, status, total, "
            + "currency, ordered_at, cancelled_at";

    private final Jdbc jdbc;

    public OrderRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** An order already stored under an idempotency key, with the fingerprint of the request that created it. */
    public record KeyedOrder(String orderId, String requestHash) {}

    /** Stores the order and its lines (the order's number is ignored) and returns the number it was given. */
    public long insert(Order order, String idempotencyKey, String requestHash) {
        long number = jdbc.queryOne(
                        "INSERT INTO orders (id, store_id, counter_id, counter_camera_id, status, total, "
                                + "currency, ordered_at, idempotency_key, request_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                + "RETURNING number",
                        row -> row.getLong(1),
                        order.id(),
                        order.storeId(),
                        order.counterId(),
                        order.counterCameraId(),
                        order.status().name(),
                        order.total().toPlainString(),
                        order.currency(),
                        order.orderedAt().toEpochMilli(),
                        idempotencyKey,
                        requestHash)
                .orElseThrow();
        List<Object[]> lines = new ArrayList<>();
        int line = 1;
        for (OrderLine item : order.items()) {
            lines.add(new Object[] {
                order.id(),
                line++,
                item.menuItemId(),
                item.name(),
                item.category(),
                item.quantity(),
                item.unitPrice().toPlainString()
            });
        }
        jdbc.batch(
                "INSERT INTO order_items (order_id, line, menu_item_id, name, category, quantity, unit_price) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                lines);
        return number;
    }

    public Optional<KeyedOrder> findByIdempotencyKey(String key) {
        return jdbc.queryOne(
                "SELECT id, request_hash FROM orders WHERE idempotency_key = ?",
                row -> new KeyedOrder(row.getString(1), row.getString(2)),
                key);
    }

    public Optional<Order> find(String id) {
        List<Order> found = select(" WHERE id = ?", List.of(id));
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
        return select(where.toString(), args);
    }

    /** Returns false when the order was not in PLACED state (so nothing changed). */
    public boolean markCancelled(String id, Instant at) {
        return jdbc.update(
                        "UPDATE orders SET status = 'CANCELLED', cancelled_at = ? WHERE id = ? "
                                + "AND status = 'PLACED'",
                        at.toEpochMilli(),
                        id)
                == 1;
    }

    private List<Order> select(String where, List<Object> args) {
        List<Order> headers = jdbc.query(
                "SELECT " + COLUMNS + " FROM orders" + where,
                rs -> new Order(
                        rs.getString("id"),
                        rs.getLong("number"),
                        rs.getString("store_id"),
                        rs.getString("counter_id"),
                        rs.getString("counter_camera_id"),
                        OrderStatus.valueOf(rs.getString("status")),
                        List.of(),
                        money(rs, "total"),
                        rs.getString("currency"),
                        instant(rs, "ordered_at"),
                        instant(rs, "cancelled_at")),
                args.toArray());
        Map<String, List<OrderLine>> lines =
                lines(headers.stream().map(Order::id).toList());
        return headers.stream()
                .map(o -> new Order(
                        o.id(),
                        o.number(),
                        o.storeId(),
                        o.counterId(),
                        o.counterCameraId(),
                        o.status(),
                        lines.getOrDefault(o.id(), List.of()),
                        o.total(),
                        o.currency(),
                        o.orderedAt(),
                        o.cancelledAt()))
                .toList();
    }

    private Map<String, List<OrderLine>> lines(Collection<String> orderIds) {
        Map<String, List<OrderLine>> lines = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return lines;
        }
        jdbc.query(
                "SELECT order_id, menu_item_id, name, category, quantity, unit_price FROM order_items "
                        + "WHERE order_id IN (" + String.join(",", Collections.nCopies(orderIds.size(), "?"))
                        + ") ORDER BY order_id, line",
                rs -> lines.computeIfAbsent(rs.getString("order_id"), k -> new ArrayList<>())
                        .add(new OrderLine(
                                rs.getString("menu_item_id"),
                                rs.getString("name"),
                                rs.getString("category"),
                                rs.getInt("quantity"),
                                money(rs, "unit_price"))),
                orderIds.toArray());
        return lines;
    }

    private static void clause(StringBuilder where, String condition) {
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(condition);
    }
}
