package io.storesight.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.identity.Customer;
import io.storesight.identity.Demographics;
import io.storesight.identity.Tier;

@ApplicationScoped
public class CustomerRepository {
    private static final String COLUMNS = "id, visit_count, first_seen, last_seen, last_location, age, age_band, "
            + "age_weight, gender, gender_confidence, male_weight, female_weight, tier, label, vip, staff, version, "
            + "created_at";

    /**
     * Filters and order of the customer list; null fields do not filter. {@code search} matches a part of the id or
     * of the label, ignoring case.
     */
    public record Query(
            String search,
            String tier,
            String ageBand,
            String gender,
            Boolean vip,
            Boolean staff,
            Long lastSeenFrom,
            Long lastSeenTo,
            String sortColumn,
            boolean descending,
            int page,
            int size) {}

    private final Jdbc jdbc;

    public CustomerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Customer c) {
        jdbc.update(
                "INSERT INTO customers (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                c.id(),
                c.visitCount(),
                c.firstSeen(),
                c.lastSeen(),
                c.lastLocation(),
                c.age(),
                c.ageBand(),
                c.demographics().ageWeight(),
                c.gender(),
                c.genderConfidence(),
                c.demographics().maleWeight(),
                c.demographics().femaleWeight(),
                c.tier().name(),
                c.label(),
                c.vip(),
                c.staff(),
                c.version(),
                c.createdAt());
    }

    public void update(Customer c) {
        jdbc.update(
                "UPDATE customers SET visit_count = ?, first_seen = ?, last_seen = ?, last_location = ?, age = ?, "
                        + "age_band = ?, age_weight = ?, gender = ?, gender_confidence = ?, male_weight = ?, "
                        + "female_weight = ?, tier = ?, label = ?, vip = ?, staff = ?, version = ? WHERE id = ?",
                c.visitCount(),
                c.firstSeen(),
                c.lastSeen(),
                c.lastLocation(),
                c.age(),
                c.ageBand(),
                c.demographics().ageWeight(),
                c.gender(),
                c.genderConfidence(),
                c.demographics().maleWeight(),
                c.demographics().femaleWeight(),
                c.tier().name(),
                c.label(),
                c.vip(),
                c.staff(),
                c.version(),
                c.id());
    }

    public Optional<Customer> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM customers WHERE id = ?", CustomerRepository::map, id);
    }

    /** Whether the customer is on the watch list (false for an unknown id). */
    public boolean watched(String id) {
        return jdbc.exists("SELECT 1 FROM customers WHERE id = ? AND watched = 1", id);
    }

    public void setWatched(String id, boolean watched) {
        jdbc.update("UPDATE customers SET watched = ? WHERE id = ?", watched, id);
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM customers WHERE id = ?", id) == 1;
    }

    public List<Customer> list(Query q) {
        List<Object> params = new ArrayList<>();
        String where = where(q, params);
        params.add(q.size());
        params.add((long) q.page() * q.size());
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM customers" + where + " ORDER BY " + q.sortColumn()
                        + (q.descending() ? " DESC" : " ASC") + ", id LIMIT ? OFFSET ?",
                CustomerRepository::map,
                params.toArray());
    }

    public long count(Query q) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("SELECT COUNT(*) FROM customers" + where(q, params), params.toArray());
    }

    public long countAll() {
        return jdbc.count("SELECT COUNT(*) FROM customers");
    }

    public List<String> idsNotSeenSince(long cutoff) {
        return jdbc.query(
                "SELECT id FROM customers WHERE last_seen < ? ORDER BY last_seen", row -> row.getString(1), cutoff);
    }

    private static String where(Query q, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (q.search() != null) {
            clauses.add("(id LIKE ? ESCAPE '\\' OR label LIKE ? ESCAPE '\\')");
            String pattern =
                    "%" + q.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(pattern);
            params.add(pattern);
        }
        if (q.vip() != null) {
            clauses.add("vip = ?");
            params.add(q.vip());
        }
        if (q.staff() != null) {
            clauses.add("staff = ?");
            params.add(q.staff());
        }
        if (q.tier() != null) {
            clauses.add("tier = ?");
            params.add(q.tier());
        }
        if (q.ageBand() != null) {
            clauses.add("age_band = ?");
            params.add(q.ageBand());
        }
        if (q.gender() != null) {
            clauses.add("gender = ?");
            params.add(q.gender());
        }
        if (q.lastSeenFrom() != null) {
            clauses.add("last_seen >= ?");
            params.add(q.lastSeenFrom());
        }
        if (q.lastSeenTo() != null) {
            clauses.add("last_seen < ?");
            params.add(q.lastSeenTo());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    static Customer map(ResultSet row) throws SQLException {
        double ageWeight = row.getDouble("age_weight");
        Double age = Jdbc.nullableDouble(row, "age");
        Demographics demographics = new Demographics(
                age == null ? 0 : age * ageWeight,
                ageWeight,
                row.getDouble("male_weight"),
                row.getDouble("female_weight"));
        return new Customer(
                row.getString("id"),
                row.getInt("visit_count"),
                row.getLong("first_seen"),
                row.getLong("last_seen"),
                row.getString("last_location"),
                demographics,
                Tier.valueOf(row.getString("tier")),
                row.getString("label"),
                row.getInt("vip") == 1,
                row.getInt("staff") == 1,
                row.getInt("version"),
                row.getLong("created_at"));
    }
}
