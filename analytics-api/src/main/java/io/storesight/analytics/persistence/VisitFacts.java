package io.storesight.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Condition;
import io.storesight.analytics.VisitRow;
import io.storesight.common.persistence.Jdbc;

/** Visits of the read model: customers' visits and anonymous visitors' passes (customer_id null). */
@ApplicationScoped
public class VisitFacts {
    private static final String COLUMNS = "visit_id, customer_id, store_id, started_ms, ended_ms, dwell_ms, "
            + "new_customer, visit_number, tier, age_band, gender";

    private final Jdbc jdbc;

    public VisitFacts(Jdbc jdbc) {
        this.jdbc = jdbc.cached();
    }

    public Optional<VisitRow> find(String visitId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM visits WHERE visit_id = ?", VisitFacts::row, visitId);
    }

    public List<VisitRow> of(String customerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM visits WHERE customer_id = ?", VisitFacts::row, customerId);
    }

    /** A visit; day, year, month, weekday and hour are its start's, store-local. */
    public void insert(VisitRow visit, String day, int year, int month, int weekday, int hour) {
        jdbc.update(
                "INSERT INTO visits (" + COLUMNS + ", day, year, month, weekday, hour) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                visit.visitId(),
                visit.customerId(),
                visit.storeId(),
                visit.startedMs(),
                visit.endedMs(),
                visit.dwellMs(),
                visit.newCustomer(),
                visit.visitNumber(),
                visit.tier(),
                visit.ageBand(),
                visit.gender(),
                day,
                year,
                month,
                weekday,
                hour);
    }

    public void end(String visitId, Long endedMs, Long dwellMs) {
        jdbc.update("UPDATE visits SET ended_ms = ?, dwell_ms = ? WHERE visit_id = ?", endedMs, dwellMs, visitId);
    }

    /** Erasure: the visit stays as anonymous footfall. */
    public void anonymise(String visitId, String tier, String ageBand, String gender) {
        jdbc.update(
                "UPDATE visits SET customer_id = NULL, new_customer = 0, tier = ?, age_band = ?, gender = ? "
                        + "WHERE visit_id = ?",
                tier,
                ageBand,
                gender,
                visitId);
    }

    /** Erasure of a staff member: their visits were never footfall, so nothing of them stays. */
    public void deleteOf(String customerId) {
        jdbc.update("DELETE FROM visits WHERE customer_id = ?", customerId);
    }

    public void moveTo(String visitId, String customerId) {
        jdbc.update("UPDATE visits SET customer_id = ? WHERE visit_id = ?", customerId, visitId);
    }

    /** Merge: every visit of {@code fromCustomer} becomes {@code toCustomer}'s. */
    public void repoint(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE visits SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }

    public void setNumber(String visitId, int number, boolean newCustomer) {
        jdbc.update(
                "UPDATE visits SET visit_number = ?, new_customer = ? WHERE visit_id = ?",
                number,
                newCustomer,
                visitId);
    }

    /**
     * Distinct customers among the visits matching the filter (anonymous, erased customers' and staff's visits
     * excluded).
     */
    public long uniqueCustomers(List<Condition> where) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(DISTINCT customer_id) FROM visits");
        CubeRepository.appendWhere(sql, where);
        sql.append(where.isEmpty() ? " WHERE" : " AND")
                .append(" customer_id IS NOT NULL AND ")
                .append(CustomerFacts.NOT_STAFF);
        return jdbc.count(sql.toString(), Condition.values(where));
    }

    private static VisitRow row(ResultSet r) throws SQLException {
        return new VisitRow(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getLong(4),
                Jdbc.nullableLong(r, 5),
                Jdbc.nullableLong(r, 6),
                r.getInt(7) == 1,
                r.getInt(8),
                r.getString(9),
                r.getString(10),
                r.getString(11));
    }
}
