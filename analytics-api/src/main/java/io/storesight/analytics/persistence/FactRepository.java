package io.storesight.analytics.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

import io.storesight.analytics.Attribution.Candidate;
import io.storesight.analytics.Col;
import io.storesight.analytics.Condition;
import io.storesight.analytics.CustomerRow;
import io.storesight.analytics.OrderLine;
import io.storesight.analytics.OrderRow;
import io.storesight.analytics.Unknown;
import io.storesight.analytics.VisitRow;

/** The row-level read model: customers, visits, sightings, orders and their lines. */
@ApplicationScoped
public class FactRepository {
    private static final String ORDER_COLUMNS = "order_id, order_number, store_id, counter_id, counter_camera_id, "
            + "ordered_ms, total_cents, currency, status, customer_id, sighting_key, tier, age_band, gender";
    private static final String VISIT_COLUMNS = "visit_id, customer_id, store_id, started_ms, ended_ms, dwell_ms, "
            + "new_customer, visit_number, tier, age_band, gender";
    private static final String CUSTOMER_COLUMNS = "customer_id, tier, vip, label, age_band, gender, first_seen_ms, "
            + "last_visit_ms, visits, orders, spend_cents";

    private final DataSource dataSource;

    public FactRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // --- erased customers

    public boolean isErased(String customerId) {
        return exists("SELECT 1 FROM erased_customers WHERE customer_id = ?", customerId);
    }

    public void markErased(String customerId, long atMs) {
        update("INSERT OR IGNORE INTO erased_customers (customer_id, erased_ms) VALUES (?, ?)", customerId, atMs);
    }

    // --- customers

    /** Counts a new visit and keeps the customer's latest tier and demographics. */
    public void customerVisited(String customerId, String tier, boolean vip, String ageBand, String gender,
            long startedMs) {
        update("INSERT INTO customers (customer_id, tier, vip, age_band, gender, first_seen_ms, last_visit_ms, visits) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (customer_id) DO UPDATE SET visits = visits + 1, "
                + "first_seen_ms = MIN(first_seen_ms, excluded.first_seen_ms), "
                + "tier = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.tier ELSE tier END, "
                + "vip = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.vip ELSE vip END, "
                + "age_band = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.age_band ELSE age_band END, "
                + "gender = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.gender ELSE gender END, "
                + "last_visit_ms = MAX(last_visit_ms, excluded.last_visit_ms)",
                customerId, tier, vip ? 1 : 0, ageBand, gender, startedMs, startedMs);
    }

    public void addCustomerSpend(String customerId, long orders, long cents) {
        update("UPDATE customers SET orders = orders + ?, spend_cents = spend_cents + ? WHERE customer_id = ?", orders,
                cents, customerId);
    }

    public void updateCustomer(String customerId, String tier, Boolean vip, String label, String ageBand,
            String gender) {
        update("UPDATE customers SET tier = COALESCE(?, tier), vip = COALESCE(?, vip), label = COALESCE(?, label), "
                + "age_band = COALESCE(?, age_band), gender = COALESCE(?, gender) WHERE customer_id = ?", tier,
                vip == null ? null : vip ? 1 : 0, label, ageBand, gender, customerId);
    }

    public Optional<CustomerRow> findCustomer(String customerId) {
        List<CustomerRow> rows = customers("SELECT " + CUSTOMER_COLUMNS + " FROM customers WHERE customer_id = ?",
                customerId);
        return rows.stream().findFirst();
    }

    public void deleteCustomer(String customerId) {
        update("DELETE FROM customers WHERE customer_id = ?", customerId);
    }

    /** Folds the merged customer's counters into the surviving one (creating it if this read model lacks it). */
    public void mergeCustomer(String mergedId, String survivorId) {
        Optional<CustomerRow> merged = findCustomer(mergedId);
        if (merged.isEmpty()) {
            return;
        }
        if (findCustomer(survivorId).isEmpty()) {
            update("UPDATE customers SET customer_id = ? WHERE customer_id = ?", survivorId, mergedId);
            return;
        }
        CustomerRow m = merged.get();
        update("UPDATE customers SET visits = visits + ?, orders = orders + ?, spend_cents = spend_cents + ?, "
                + "first_seen_ms = MIN(first_seen_ms, ?), last_visit_ms = MAX(last_visit_ms, ?) WHERE customer_id = ?",
                m.visits(), m.orders(), m.spendCents(), m.firstSeenMs(), m.lastVisitMs(), survivorId);
        deleteCustomer(mergedId);
    }

    /**
     * Counts a customer's counters again from their visit and order rows (after a split moved rows between two
     * customers); null profile values keep what the row has.
     */
    public void recountCustomer(String customerId, String tier, Boolean vip, String ageBand, String gender) {
        update("INSERT INTO customers (customer_id, tier, vip, age_band, gender, first_seen_ms, last_visit_ms, visits, "
                + "orders, spend_cents) SELECT ?, COALESCE(?, ?), COALESCE(?, 0), COALESCE(?, ?), COALESCE(?, ?), "
                + "MIN(started_ms), MAX(started_ms), COUNT(*), "
                + "(SELECT COUNT(*) FROM orders WHERE customer_id = ? AND status = ?), "
                + "(SELECT COALESCE(SUM(total_cents), 0) FROM orders WHERE customer_id = ? AND status = ?) "
                + "FROM visits WHERE customer_id = ? HAVING COUNT(*) > 0 "
                + "ON CONFLICT (customer_id) DO UPDATE SET tier = COALESCE(?, tier), vip = COALESCE(?, vip), "
                + "age_band = COALESCE(?, age_band), gender = COALESCE(?, gender), "
                + "first_seen_ms = excluded.first_seen_ms, last_visit_ms = excluded.last_visit_ms, "
                + "visits = excluded.visits, orders = excluded.orders, spend_cents = excluded.spend_cents",
                customerId, tier, Unknown.TIER, vip == null ? null : vip ? 1 : 0, ageBand, Unknown.AGE_BAND, gender,
                Unknown.GENDER, customerId, OrderRow.PLACED, customerId, OrderRow.PLACED, customerId, tier,
                vip == null ? null : vip ? 1 : 0, ageBand, gender);
    }

    /** The all-time leaderboard from the counters: most visits, then most spend, then id. */
    public List<CustomerRow> topCustomers(String tier, String ageBand, String gender, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + CUSTOMER_COLUMNS + " FROM customers WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        appendCustomerFilters(sql, args, "", tier, ageBand, gender);
        sql.append(" ORDER BY visits DESC, spend_cents DESC, customer_id LIMIT ?");
        args.add(limit);
        return customers(sql.toString(), args.toArray());
    }

    /**
     * A date range covering at most this share of the days that have visits is read by day, any other window customer
     * by customer (see V5__leaderboard_indexes.sql). At 1M visits + 1M orders over a year (sqlite3, same indexes) by
     * day took about 35 ms for 7 days, 100 ms for 30, 220 ms for 91 and 780 ms for 365; customer by customer about
     * 140 to 320 ms whatever the window: they cross near a fifth.
     */
    static final double SHORT_RANGE_SHARE = 0.2;

    /**
     * The leaderboard over a time window, from the fact rows: per customer the visits that started in it (and the
     * last of them; null if the customer only ordered in it), the placed orders in it and their total. Cancelled
     * orders never count, as in every report; erased customers have no rows (their visits and orders are anonymous)
     * and merged ones have been repointed to the survivor. Customers with neither a visit nor an order in the window
     * are left out; tier, age band and gender narrow by the customer's latest values, as the all-time board does.
     * Those also narrow the fact rows read: the customer-ordered indexes are then read only for the matching
     * customers (at 1M + 1M a year for one age band and gender took 50 ms instead of 400).
     *
     * @param window terms on day, month, weekday and hour, columns that visits and orders both carry (store-local)
     */
    public List<CustomerRow> topCustomers(List<Condition> window, String tier, String ageBand, String gender,
            int limit) {
        boolean byDay = isShortRange(window);
        String visitsIndex = byDay ? "visits_by_day" : "visits_unique";
        String ordersIndex = byDay ? "orders_by_day" : "orders_by_customer";
        StringBuilder terms = new StringBuilder();
        List<Object> termArgs = new ArrayList<>();
        for (Condition term : window) {
            terms.append(" AND ").append(term.col().column()).append(' ').append(term.op()).append(" ?");
            termArgs.add(term.value());
        }
        if (tier != null || ageBand != null || gender != null) {
            terms.append(" AND customer_id IN (SELECT customer_id FROM customers WHERE 1 = 1");
            appendCustomerFilters(terms, termArgs, "", tier, ageBand, gender);
            terms.append(")");
        }
        StringBuilder sql = new StringBuilder("WITH k AS (SELECT customer_id, SUM(visits) AS visits, "
                + "MAX(last_visit_ms) AS last_visit_ms, SUM(orders) AS orders, SUM(spend_cents) AS spend_cents FROM ("
                + "SELECT customer_id, COUNT(*) AS visits, MAX(started_ms) AS last_visit_ms, 0 AS orders, "
                + "0 AS spend_cents FROM visits INDEXED BY " + visitsIndex + " WHERE customer_id IS NOT NULL" + terms
                + " GROUP BY customer_id UNION ALL "
                + "SELECT customer_id, 0, NULL, COUNT(*), SUM(total_cents) FROM orders INDEXED BY " + ordersIndex
                + " WHERE customer_id IS NOT NULL AND status = ?" + terms + " GROUP BY customer_id) "
                + "GROUP BY customer_id) "
                + "SELECT c.customer_id, c.tier, c.vip, c.label, c.age_band, c.gender, c.first_seen_ms, "
                + "k.last_visit_ms, k.visits, k.orders, k.spend_cents FROM k JOIN customers c "
                + "ON c.customer_id = k.customer_id ORDER BY k.visits DESC, k.spend_cents DESC, c.customer_id "
                + "LIMIT ?");
        List<Object> args = new ArrayList<>(termArgs);
        args.add(OrderRow.PLACED);
        args.addAll(termArgs);
        args.add(limit);
        return customers(sql.toString(), args.toArray());
    }

    private static void appendCustomerFilters(StringBuilder sql, List<Object> args, String alias, String tier,
            String ageBand, String gender) {
        if (tier != null) {
            sql.append(" AND ").append(alias).append("tier = ?");
            args.add(tier);
        }
        if (ageBand != null) {
            sql.append(" AND ").append(alias).append("age_band = ?");
            args.add(ageBand);
        }
        if (gender != null) {
            sql.append(" AND ").append(alias).append("gender = ?");
            args.add(gender);
        }
    }

    /** Whether the window's day range covers at most {@link #SHORT_RANGE_SHARE} of the days that have visits. */
    private boolean isShortRange(List<Condition> window) {
        String from = null;
        String to = null;
        for (Condition term : window) {
            if (term.col() == Col.DAY && term.op().startsWith(">")) {
                from = max(from, (String) term.value());
            } else if (term.col() == Col.DAY && term.op().startsWith("<")) {
                to = min(to, (String) term.value());
            }
        }
        if (from == null && to == null) {
            return false;
        }
        String[] span = new String[2];
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = Statements.prepare(connection,
                        "SELECT (SELECT MIN(day) FROM visits), (SELECT MAX(day) FROM visits)");
                ResultSet result = query.executeQuery()) {
            result.next();
            span[0] = result.getString(1);
            span[1] = result.getString(2);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the span of the visits", e);
        }
        if (span[0] == null) {
            return true;
        }
        long spanDays = ChronoUnit.DAYS.between(LocalDate.parse(span[0]), LocalDate.parse(span[1])) + 1;
        long windowDays = ChronoUnit.DAYS.between(LocalDate.parse(max(from, span[0])),
                LocalDate.parse(min(to, span[1]))) + 1;
        return windowDays <= SHORT_RANGE_SHARE * spanDays;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    // --- visits

    public Optional<VisitRow> findVisit(String visitId) {
        return visits("SELECT " + VISIT_COLUMNS + " FROM visits WHERE visit_id = ?", visitId).stream().findFirst();
    }

    public List<VisitRow> visitsOf(String customerId) {
        return visits("SELECT " + VISIT_COLUMNS + " FROM visits WHERE customer_id = ?", customerId);
    }

    public void insertVisit(VisitRow visit, String day, int year, int month, int weekday, int hour) {
        update("INSERT INTO visits (" + VISIT_COLUMNS + ", day, year, month, weekday, hour) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", visit.visitId(), visit.customerId(),
                visit.storeId(), visit.startedMs(), visit.endedMs(), visit.dwellMs(), visit.newCustomer() ? 1 : 0,
                visit.visitNumber(), visit.tier(), visit.ageBand(), visit.gender(), day, year, month, weekday, hour);
    }

    public void endVisit(String visitId, Long endedMs, Long dwellMs) {
        update("UPDATE visits SET ended_ms = ?, dwell_ms = ? WHERE visit_id = ?", endedMs, dwellMs, visitId);
    }

    public void anonymiseVisit(String visitId, String tier, String ageBand, String gender) {
        update("UPDATE visits SET customer_id = NULL, tier = ?, age_band = ?, gender = ? WHERE visit_id = ?", tier,
                ageBand, gender, visitId);
    }

    public void moveVisit(String visitId, String customerId) {
        update("UPDATE visits SET customer_id = ? WHERE visit_id = ?", customerId, visitId);
    }

    public void setVisitNumber(String visitId, int number, boolean newCustomer) {
        update("UPDATE visits SET visit_number = ?, new_customer = ? WHERE visit_id = ?", number, newCustomer ? 1 : 0,
                visitId);
    }

    /** Distinct customers among the visits matching the filter (anonymous and erased customers' visits excluded). */
    public long uniqueCustomers(List<Condition> where) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(DISTINCT customer_id) FROM visits");
        CubeRepository.appendWhere(sql, where);
        sql.append(where.isEmpty() ? " WHERE" : " AND").append(" customer_id IS NOT NULL");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = Statements.prepare(connection, sql.toString())) {
            CubeRepository.bind(query, where);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count unique customers", e);
        }
    }

    // --- sightings

    public Optional<Candidate> findSighting(String sightingKey) {
        return sightings("SELECT sighting_key, customer_id, started_ms, ended_ms, tier, age_band, gender FROM sightings "
                + "WHERE sighting_key = ?", sightingKey).stream().findFirst();
    }

    public void insertSighting(Candidate sighting, String storeId, String cameraId) {
        update("INSERT INTO sightings (sighting_key, customer_id, store_id, camera_id, started_ms, ended_ms, tier, "
                + "age_band, gender) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sighting.sightingKey(),
                sighting.customerId(), storeId, cameraId, sighting.startedMs(), sighting.endedMs(), sighting.tier(),
                sighting.ageBand(), sighting.gender());
    }

    public void endSighting(String sightingKey, long endedMs) {
        update("UPDATE sightings SET ended_ms = ? WHERE sighting_key = ?", endedMs, sightingKey);
    }

    /** Sightings at a camera that started within [fromMs, toMs] and had not ended before endedNotBeforeMs. */
    public List<Candidate> sightingsAt(String cameraId, long fromMs, long toMs, long endedNotBeforeMs) {
        return sightings("SELECT sighting_key, customer_id, started_ms, ended_ms, tier, age_band, gender FROM sightings "
                + "WHERE camera_id = ? AND started_ms BETWEEN ? AND ? AND (ended_ms IS NULL OR ended_ms >= ?)",
                cameraId, fromMs, toMs, endedNotBeforeMs);
    }

    /** Where and when a customer was sighted; endedMs is null while the sighting is open. */
    public record SightingSpan(String cameraId, long startedMs, Long endedMs) {
    }

    public List<SightingSpan> sightingSpansOf(String customerId) {
        List<SightingSpan> spans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, "SELECT camera_id, started_ms, ended_ms FROM sightings "
                        + "WHERE customer_id = ?", customerId);
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                spans.add(new SightingSpan(r.getString(1), r.getLong(2), nullableLong(r, 3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sightings of " + customerId, e);
        }
        return spans;
    }

    public List<SightingSpan> sightingSpans(List<String> sightingKeys) {
        List<SightingSpan> spans = new ArrayList<>();
        for (String key : sightingKeys) {
            findSightingSpan(key).ifPresent(spans::add);
        }
        return spans;
    }

    private Optional<SightingSpan> findSightingSpan(String sightingKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, "SELECT camera_id, started_ms, ended_ms FROM sightings "
                        + "WHERE sighting_key = ?", sightingKey);
                ResultSet r = query.executeQuery()) {
            return r.next() ? Optional.of(new SightingSpan(r.getString(1), r.getLong(2), nullableLong(r, 3)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sighting " + sightingKey, e);
        }
    }

    /** Split: the listed sightings of {@code from} become {@code to}'s. */
    public void moveSightings(List<String> sightingKeys, String from, String to) {
        for (String key : sightingKeys) {
            update("UPDATE sightings SET customer_id = ? WHERE sighting_key = ? AND customer_id = ?", to, key, from);
        }
    }

    public void deleteSightingsOf(String customerId) {
        update("DELETE FROM sightings WHERE customer_id = ?", customerId);
    }

    // --- orders

    public Optional<OrderRow> findOrder(String orderId) {
        return orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_id = ?", orderId).stream().findFirst();
    }

    public List<OrderRow> ordersAt(String cameraId, long fromMs, long toMs) {
        return orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE counter_camera_id = ? AND ordered_ms BETWEEN ? "
                + "AND ?", cameraId, fromMs, toMs);
    }

    public List<OrderRow> ordersOf(String customerId) {
        return orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE customer_id = ?", customerId);
    }

    /** Newest first, optionally one store's or one customer's. */
    public List<OrderRow> recentOrders(String storeId, String customerId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ORDER_COLUMNS + " FROM orders WHERE 1 = 1");
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
        return orders(sql.toString(), args.toArray());
    }

    /** An order and its lines; day, year, month, weekday and hour are the order time's, store-local. */
    public void insertOrder(OrderRow order, List<OrderLine> lines, String day, int year, int month, int weekday,
            int hour) {
        update("INSERT INTO orders (" + ORDER_COLUMNS + ", day, year, month, weekday, hour) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                order.orderId(), order.orderNumber(), order.storeId(), order.counterId(), order.counterCameraId(),
                order.orderedMs(), order.totalCents(), order.currency(), order.status(), order.customerId(),
                order.sightingKey(), order.tier(), order.ageBand(), order.gender(), day, year, month, weekday, hour);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = Statements.prepare(connection, "INSERT INTO order_items (order_id, line, "
                        + "menu_item_id, name, category, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                insert.setString(1, order.orderId());
                insert.setInt(2, i);
                insert.setString(3, line.itemId());
                insert.setString(4, line.name());
                insert.setString(5, line.category());
                insert.setInt(6, line.quantity());
                insert.setLong(7, line.unitPriceCents());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the lines of order " + order.orderId(), e);
        }
    }

    public List<OrderLine> linesOf(String orderId) {
        List<OrderLine> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = Statements.prepare(connection, "SELECT menu_item_id, name, category, quantity, "
                        + "unit_price_cents FROM order_items WHERE order_id = ? ORDER BY line")) {
            query.setString(1, orderId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    lines.add(new OrderLine(result.getString(1), result.getString(2), result.getString(3),
                            result.getInt(4), result.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lines of order " + orderId, e);
        }
        return lines;
    }

    /** The orders attributed to any of the sightings. */
    public List<OrderRow> ordersOfSightings(List<String> sightingKeys) {
        List<OrderRow> out = new ArrayList<>();
        for (String key : sightingKeys) {
            out.addAll(orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE sighting_key = ?", key));
        }
        return out;
    }

    public void setStatus(String orderId, String status) {
        update("UPDATE orders SET status = ? WHERE order_id = ?", status, orderId);
    }

    public void setAttribution(String orderId, String customerId, String sightingKey, String tier, String ageBand,
            String gender) {
        update("UPDATE orders SET customer_id = ?, sighting_key = ?, tier = ?, age_band = ?, gender = ? "
                + "WHERE order_id = ?", customerId, sightingKey, tier, ageBand, gender, orderId);
    }

    /** Merge: every row of the merged customer now belongs to the surviving one. */
    public void repointCustomer(String mergedId, String survivorId) {
        update("UPDATE sightings SET customer_id = ? WHERE customer_id = ?", survivorId, mergedId);
        update("UPDATE visits SET customer_id = ? WHERE customer_id = ?", survivorId, mergedId);
        update("UPDATE orders SET customer_id = ? WHERE customer_id = ?", survivorId, mergedId);
    }

    // --- plumbing

    private boolean exists(String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, args);
                ResultSet result = query.executeQuery()) {
            return result.next();
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, args)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = Statements.prepare(connection, sql);
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, args[i]);
            }
        }
        return statement;
    }

    private List<CustomerRow> customers(String sql, Object... args) {
        List<CustomerRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, args);
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows.add(new CustomerRow(r.getString(1), r.getString(2), r.getInt(3) == 1, r.getString(4),
                        r.getString(5), r.getString(6), r.getLong(7), nullableLong(r, 8), r.getLong(9), r.getLong(10),
                        r.getLong(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return rows;
    }

    private List<VisitRow> visits(String sql, Object... args) {
        List<VisitRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, args);
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows.add(new VisitRow(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                        nullableLong(r, 5), nullableLong(r, 6), r.getInt(7) == 1, r.getInt(8), r.getString(9),
                        r.getString(10), r.getString(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return rows;
    }

    private List<Candidate> sightings(String sql, Object... args) {
        List<Candidate> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, args);
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows.add(new Candidate(r.getString(1), r.getString(2), r.getLong(3), nullableLong(r, 4),
                        r.getString(5), r.getString(6), r.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return rows;
    }

    private List<OrderRow> orders(String sql, Object... args) {
        List<OrderRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, args);
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows.add(new OrderRow(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getLong(6), r.getLong(7), r.getString(8), r.getString(9), r.getString(10),
                        r.getString(11), r.getString(12), r.getString(13), r.getString(14)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return rows;
    }

    private static Long nullableLong(ResultSet result, int column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }
}
