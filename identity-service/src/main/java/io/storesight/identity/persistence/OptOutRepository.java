package io.storesight.identity.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.identity.Descriptors;
import io.storesight.identity.OptOut;

@ApplicationScoped
public class OptOutRepository {
    private final Jdbc jdbc;

    public OptOutRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(OptOut optOut) {
        jdbc.update(
                "INSERT INTO opt_outs (id, descriptor, note, created_at) VALUES (?, ?, ?, ?)",
                optOut.id(),
                Descriptors.toBytes(optOut.descriptor()),
                optOut.note(),
                optOut.createdAt());
    }

    public List<OptOut> all() {
        return jdbc.query(
                "SELECT id, descriptor, note, created_at FROM opt_outs ORDER BY created_at, id",
                row -> new OptOut(
                        row.getString(1), Descriptors.fromBytes(row.getBytes(2)), row.getString(3), row.getLong(4)));
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM opt_outs WHERE id = ?", id) == 1;
    }
}
