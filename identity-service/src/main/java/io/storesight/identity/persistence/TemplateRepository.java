package io.storesight.identity.persistence;

import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.identity.Descriptors;
import io.storesight.identity.Template;

@ApplicationScoped
public class TemplateRepository {
    private final Jdbc jdbc;

    public TemplateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String customerId, float[] descriptor, float quality, long now) {
        return jdbc.insertReturningKey(
                "INSERT INTO templates (customer_id, descriptor, quality, created_at) VALUES (?, ?, ?, ?)",
                customerId, Descriptors.toBytes(descriptor), quality, now);
    }

    public List<Template> ofCustomer(String customerId) {
        return jdbc.query("SELECT id, customer_id, descriptor, quality FROM templates WHERE customer_id = ? ORDER BY id",
                row -> new Template(row.getLong(1), row.getString(2), Descriptors.fromBytes(row.getBytes(3)),
                        row.getFloat(4)),
                customerId);
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM templates WHERE id = ?", id);
    }

    public void reassign(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE templates SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }

    /** Streams every template (the gallery load at start) without materialising a list. */
    public void forEach(Consumer<Template> sink) {
        jdbc.query("SELECT id, customer_id, descriptor, quality FROM templates ORDER BY id", row -> {
            sink.accept(new Template(row.getLong(1), row.getString(2), Descriptors.fromBytes(row.getBytes(3)),
                    row.getFloat(4)));
            return Boolean.TRUE;
        });
    }

    public long countAll() {
        return jdbc.count("SELECT COUNT(*) FROM templates");
    }
}
