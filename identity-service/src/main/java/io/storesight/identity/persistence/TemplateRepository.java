package io.storesight.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Template;

@ApplicationScoped
public class TemplateRepository {
    private final Jdbc jdbc;

    public TemplateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "id, customer_id, descriptor, quality, sighting_id";

    public long insert(String customerId, float[] descriptor, float quality, String sightingId, long now) {
        return jdbc.insertReturningKey(
                "INSERT INTO templates (customer_id, descriptor, quality, sighting_id, "
                        + "created_at) VALUES (?, ?, ?, ?, ?)",
                customerId,
                Descriptors.toBytes(descriptor),
                quality,
                sightingId,
                now);
    }

    public List<Template> ofCustomer(String customerId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM templates WHERE customer_id = ? ORDER BY id",
                TemplateRepository::template,
                customerId);
    }

    /** Gives the template to another customer (a split: the face belongs to the sighting that moved). */
    public void moveTo(long templateId, String customerId) {
        jdbc.update("UPDATE templates SET customer_id = ? WHERE id = ?", customerId, templateId);
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM templates WHERE id = ?", id);
    }

    public void reassign(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE templates SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }

    /** Streams every template (the gallery load at start) without materialising a list. */
    public void forEach(Consumer<Template> sink) {
        jdbc.query("SELECT " + COLUMNS + " FROM templates ORDER BY id", row -> {
            sink.accept(template(row));
            return Boolean.TRUE;
        });
    }

    private static Template template(ResultSet row) throws SQLException {
        return new Template(
                row.getLong(1),
                row.getString(2),
                Descriptors.fromBytes(row.getBytes(3)),
                row.getFloat(4),
                row.getString(5));
    }

    public long countAll() {
        return jdbc.count("SELECT COUNT(*) FROM templates");
    }
}
