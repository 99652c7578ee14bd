package io.storesight.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order on {@code orders} (key: order id), written through sales-service's transactional outbox. Prices are
 * the server's, from the menu at order time.
 */
public record OrderEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        @IdField String orderId,
        long orderNumber,
        @IdField String storeId,
        @IdField String counterId,
        @OptionalField @IdField String counterCameraId,
        Instant orderedAt,
        List<Item> items,
        BigDecimal total,
        String currency)
        implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        ORDER_PLACED,
        ORDER_CANCELLED
    }

    public OrderEvent {
        items = items == null ? null : List.copyOf(items);
    }

    /** An order changes state once per type, so the order id and the type name the event (a replay has the same). */
    public static String eventIdFor(String orderId, Type type) {
        return "order-" + orderId + "-" + (type == Type.ORDER_PLACED ? "placed" : "cancelled");
    }

    @Override
    public String typeName() {
        return type.name();
    }

    public record Item(@IdField String menuItemId, String name, String category, int quantity, BigDecimal unitPrice) {}
}
