package io.storesight.identity.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;
import io.storesight.identity.CustomerLog;

@ApplicationScoped
public class LogRepository {
    private final Jdbc jdbc;

    public LogRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String customerId, long timestamp, String event, String cameraId, String storeId) {
        jdbc.update(
                "INSERT INTO customer_logs (customer_id, timestamp, event, camera_id, store_id) "
                        + "VALUES (?, ?, ?, ?, ?)",
                customerId,
                timestamp,
                event,
                cameraId,
                storeId);
    }

    public List<CustomerLog> ofCustomer(String customerId, int limit) {
        return jdbc.query(
                "SELECT id, customer_id, timestamp, event, camera_id, store_id FROM customer_logs "
                        + "WHERE customer_id = ? ORDER BY timestamp DESC, id DESC LIMIT ?",
                row -> new CustomerLog(
                        row.getLong(1),
                        row.getString(2),
                        row.getLong(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6)),
                customerId,
                limit);
    }

    /** Retention: at most {@code limit} entries older than {@code cutoff}, oldest first. */
    public int purge(long cutoff, int limit) {
        return jdbc.purge("customer_logs", "timestamp", cutoff, limit, null);
    }

    public void reassign(String fromCustomer, String toCustomer) {
        jdbc.update("UPDATE customer_logs SET customer_id = ? WHERE customer_id = ?", toCustomer, fromCustomer);
    }
}
