package io.storesight.analytics.persistence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Col;
import io.storesight.analytics.Condition;
import io.storesight.analytics.CustomerRow;
import io.storesight.analytics.OrderRow;
import io.storesight.common.persistence.Jdbc;

/**
 * The leaderboard over a time window, from the fact rows: per customer the visits that started in it (and the last
 * of them; null if the customer only ordered in it), the placed orders in it and their total. Cancelled orders never
 * count, as in every report; erased customers have no rows (their visits and orders are anonymous) and merged ones
 * have been repointed to the survivor. Customers with neither a visit nor an order in the window are left out; tier,
 * age band and gender narrow by the customer's latest values, as the all-time board does; the store's staff are left
 * out. Tier, age band and gender also narrow the fact rows read: the customer-ordered indexes are then read only for
 * the matching customers (at 1M + 1M a year for one age band and gender took 50 ms instead of 400).
 */
@ApplicationScoped
public class Leaderboard {
    /**
     * A date range covering at most this share of the days that have visits is read by day, any other window customer
     * by customer (see V5__leaderboard_indexes.sql). At 1M visits + 1M orders over a year (sqlite3, same indexes) by
     * day took about 35 ms for 7 days, 100 ms for 30, 220 ms for 91 and 780 ms for 365; customer by customer about
     * 140 to 320 ms whatever the window: they cross near a fifth.
     */
    static final double SHORT_RANGE_SHARE = 0.2;

    private final Jdbc jdbc;

    public Leaderboard(Jdbc jdbc) {
        this.jdbc = jdbc.cached();
    }

    /** @param window terms on day, month, weekday and hour, columns that visits and orders both carry (store-local) */
    public List<CustomerRow> top(List<Condition> window, String tier, String ageBand, String gender, int limit) {
        boolean byDay = isShortRange(window);
        String visitsIndex = byDay ? "visits_by_day" : "visits_unique";
        String ordersIndex = byDay ? "orders_by_day" : "orders_by_customer";
        StringBuilder terms = new StringBuilder();
        List<Object> termArgs = new ArrayList<>();
        for (Condition term : window) {
            terms.append(" AND ")
                    .append(term.col().column())
                    .append(' ')
                    .append(term.op())
                    .append(" ?");
            termArgs.add(term.value());
        }
        if (tier != null || ageBand != null || gender != null) {
            terms.append(" AND customer_id IN (SELECT customer_id FROM customers WHERE 1 = 1");
            CustomerFacts.appendFilters(terms, termArgs, tier, ageBand, gender);
            terms.append(")");
        }
        String sql = "WITH k AS (SELECT customer_id, SUM(visits) AS visits, "
                + "MAX(last_visit_ms) AS last_visit_ms, SUM(orders) AS orders, SUM(spend_cents) AS spend_cents FROM ("
                + "SELECT customer_id, COUNT(*) AS visits, MAX(started_ms) AS last_visit_ms, 0 AS orders, "
                + "0 AS spend_cents FROM visits INDEXED BY " + visitsIndex + " WHERE customer_id IS NOT NULL" + terms
                + " GROUP BY customer_id UNION ALL "
                + "SELECT customer_id, 0, NULL, COUNT(*), SUM(total_cents) FROM orders INDEXED BY " + ordersIndex
                + " WHERE customer_id IS NOT NULL AND status = ?" + terms + " GROUP BY customer_id) "
                + "GROUP BY customer_id) "
                + "SELECT c.customer_id, c.tier, c.vip, c.label, c.age_band, c.gender, c.first_seen_ms, "
                + "k.last_visit_ms, k.visits, k.orders, k.spend_cents FROM k JOIN customers c "
                + "ON c.customer_id = k.customer_id WHERE c." + CustomerFacts.NOT_STAFF
                + " ORDER BY k.visits DESC, k.spend_cents DESC, c.customer_id LIMIT ?";
        List<Object> args = new ArrayList<>(termArgs);
        args.add(OrderRow.PLACED);
        args.addAll(termArgs);
        args.add(limit);
        return jdbc.query(sql, CustomerFacts::row, args.toArray());
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
        String[] span = jdbc.queryOne("SELECT (SELECT MIN(day) FROM visits), (SELECT MAX(day) FROM visits)", r ->
                        new String[] {r.getString(1), r.getString(2)})
                .orElseThrow();
        if (span[0] == null) {
            return true;
        }
        long spanDays = ChronoUnit.DAYS.between(LocalDate.parse(span[0]), LocalDate.parse(span[1])) + 1;
        long windowDays =
                ChronoUnit.DAYS.between(LocalDate.parse(max(from, span[0])), LocalDate.parse(min(to, span[1]))) + 1;
        return windowDays <= SHORT_RANGE_SHARE * spanDays;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }
}
