package io.storesight.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.CustomerRow;
import io.storesight.analytics.OrderRow;
import io.storesight.analytics.Unknown;
import io.storesight.common.persistence.Jdbc;

/**
 * Customers of the read model (the all-time leaderboard's counters), the ids of erased customers and of the store's
 * staff.
 */
@ApplicationScoped
public class CustomerFacts {
    static final String COLUMNS = "customer_id, tier, vip, label, age_band, gender, first_seen_ms, last_visit_ms, "
            + "visits, orders, spend_cents";

    private final Jdbc jdbc;

    public CustomerFacts(Jdbc jdbc) {
        this.jdbc = jdbc.cached();
    }

    // --- erased customers: their late or replayed events are not stored again

    public boolean isErased(String customerId) {
        return jdbc.exists("SELECT 1 FROM erased_customers WHERE customer_id = ?", customerId);
    }

    public void markErased(String customerId, long atMs) {
        jdbc.update("INSERT OR IGNORE INTO erased_customers (customer_id, erased_ms) VALUES (?, ?)", customerId, atMs);
    }

    // --- staff: left out of every report while marked (their rows stay, so unmarking restores them)

    /** A term ({@code customer_id NOT IN …}) that leaves the store's staff out of a query on customer ids. */
    public static final String NOT_STAFF = "customer_id NOT IN (SELECT customer_id FROM staff_customers)";

    public boolean isStaff(String customerId) {
        return jdbc.exists("SELECT 1 FROM staff_customers WHERE customer_id = ?", customerId);
    }

    public void markStaff(String customerId, long sinceMs) {
        jdbc.update("INSERT OR IGNORE INTO staff_customers (customer_id, since_ms) VALUES (?, ?)", customerId, sinceMs);
    }

    public void unmarkStaff(String customerId) {
        jdbc.update("DELETE FROM staff_customers WHERE customer_id = ?", customerId);
    }

    // --- counters

    /** Counts a new visit and keeps the customer's latest tier and demographics. */
    public void visited(String customerId, String tier, boolean vip, String ageBand, String gender, long startedMs) {
        jdbc.update(
                "INSERT INTO customers (customer_id, tier, vip, age_band, gender, first_seen_ms, last_visit_ms, "
                        + "visits) VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (customer_id) DO UPDATE SET visits = visits + 1, "
                        + "first_seen_ms = MIN(first_seen_ms, excluded.first_seen_ms), "
                        + "tier = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.tier ELSE tier END, "
                        + "vip = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.vip ELSE vip END, "
                        + "age_band = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.age_band ELSE age_band END, "
                        + "gender = CASE WHEN excluded.last_visit_ms >= last_visit_ms THEN excluded.gender ELSE gender END, "
                        + "last_visit_ms = MAX(last_visit_ms, excluded.last_visit_ms)",
                customerId,
                tier,
                vip,
                ageBand,
                gender,
                startedMs,
                startedMs);
    }

    public void addSpend(String customerId, long orders, long cents) {
        jdbc.update(
                "UPDATE customers SET orders = orders + ?, spend_cents = spend_cents + ? WHERE customer_id = ?",
                orders,
                cents,
                customerId);
    }

    public void update(String customerId, String tier, Boolean vip, String label, String ageBand, String gender) {
        jdbc.update(
                "UPDATE customers SET tier = COALESCE(?, tier), vip = COALESCE(?, vip), label = COALESCE(?, label), "
                        + "age_band = COALESCE(?, age_band), gender = COALESCE(?, gender) WHERE customer_id = ?",
                tier,
                vip,
                label,
                ageBand,
                gender,
                customerId);
    }

    public Optional<CustomerRow> find(String customerId) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM customers WHERE customer_id = ?", CustomerFacts::row, customerId);
    }

    public void delete(String customerId) {
        jdbc.update("DELETE FROM customers WHERE customer_id = ?", customerId);
    }

    /** Folds the merged customer's counters into the surviving one (creating it if this read model lacks it). */
    public void merge(String mergedId, String survivorId) {
        Optional<CustomerRow> merged = find(mergedId);
        if (merged.isEmpty()) {
            return;
        }
        if (find(survivorId).isEmpty()) {
            jdbc.update("UPDATE customers SET customer_id = ? WHERE customer_id = ?", survivorId, mergedId);
            return;
        }
        CustomerRow m = merged.get();
        jdbc.update(
                "UPDATE customers SET visits = visits + ?, orders = orders + ?, spend_cents = spend_cents + ?, "
                        + "first_seen_ms = MIN(first_seen_ms, ?), last_visit_ms = MAX(last_visit_ms, ?) WHERE customer_id = ?",
                m.visits(),
                m.orders(),
                m.spendCents(),
                m.firstSeenMs(),
                m.lastVisitMs(),
                survivorId);
        delete(mergedId);
    }

    /**
     * Counts a customer's counters again from their visit and order rows (after a split moved rows between two
     * customers); null profile values keep what the row has.
     */
    public void recount(String customerId, String tier, Boolean vip, String ageBand, String gender) {
        jdbc.update(
                "INSERT INTO customers (customer_id, tier, vip, age_band, gender, first_seen_ms, last_visit_ms, visits, "
                        + "orders, spend_cents) SELECT ?, COALESCE(?, ?), COALESCE(?, 0), COALESCE(?, ?), COALESCE(?, ?), "
                        + "MIN(started_ms), MAX(started_ms), COUNT(*), "
                        + "(SELECT COUNT(*) FROM orders WHERE customer_id = ? AND status = ?), "
                        + "(SELECT COALESCE(SUM(total_cents), 0) FROM orders WHERE customer_id = ? AND status = ?) "
                        + "FROM visits WHERE customer_id = ? HAVING COUNT(*) > 0 "
                        + "ON CONFLICT (customer_id) DO UPDATE SET tier = COALESCE(?, tier), vip = COALESCE(?, vip), "
                        + "age_band = COALESCE(?, age_band), gender = COALESCE(?, gender), "
                        + "first_seen_ms = excluded.first_seen_ms, last_visit_ms = excluded.last_visit_ms, "
                        + "visits = excluded.visits, orders = excluded.orders, spend_cents = excluded.spend_cents",
                customerId,
                tier,
                Unknown.TIER,
                vip,
                ageBand,
                Unknown.AGE_BAND,
                gender,
                Unknown.GENDER,
                customerId,
                OrderRow.PLACED,
                customerId,
                OrderRow.PLACED,
                customerId,
                tier,
                vip,
                ageBand,
                gender);
    }

    /** The all-time leaderboard from the counters: most visits, then most spend, then id; staff left out. */
    public List<CustomerRow> top(String tier, String ageBand, String gender, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customers WHERE " + NOT_STAFF);
        List<Object> args = new ArrayList<>();
        appendFilters(sql, args, tier, ageBand, gender);
        sql.append(" ORDER BY visits DESC, spend_cents DESC, customer_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), CustomerFacts::row, args.toArray());
    }

    /** Tier, age band and gender terms ({@code AND …}) on the customers table. */
    static void appendFilters(StringBuilder sql, List<Object> args, String tier, String ageBand, String gender) {
        if (tier != null) {
            sql.append(" AND tier = ?");
            args.add(tier);
        }
        if (ageBand != null) {
            sql.append(" AND age_band = ?");
            args.add(ageBand);
        }
        if (gender != null) {
            sql.append(" AND gender = ?");
            args.add(gender);
        }
    }

    static CustomerRow row(ResultSet r) throws SQLException {
        return new CustomerRow(
                r.getString(1),
                r.getString(2),
                r.getInt(3) == 1,
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getLong(7),
                Jdbc.nullableLong(r, 8),
                r.getLong(9),
                r.getLong(10),
                r.getLong(11));
    }
}
