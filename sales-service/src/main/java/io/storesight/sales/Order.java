package io.storesight.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A priced order. {@code number} is short and shown at the counter; {@code id} keys the order everywhere else. */
public record Order(
        String id,
        long number,
        String storeId,
        String counterId,
        String counterCameraId,
        OrderStatus status,
        List<OrderLine> items,
        BigDecimal total,
        String currency,
        Instant orderedAt,
        Instant cancelledAt) {

    public Order {
        items = List.copyOf(items);
    }
}
