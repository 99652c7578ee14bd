package io.storesight.sales.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.outbox.Outbox;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.sales.Order;
import io.storesight.sales.OrderLine;

/**
 * Turns order changes into {@link OrderEvent}s in the outbox, inside the order's transaction. The event id derives
 * from the order and what happened to it, so every publish attempt, and a replay, carries the same id and consumers
 * deduplicate by it.
 */
@ApplicationScoped
public class OrderOutbox {
    private final Outbox outbox;

    public OrderOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public void placed(Order order) {
        add(order, OrderEvent.Type.ORDER_PLACED, order.orderedAt());
    }

    public void cancelled(Order order) {
        add(order, OrderEvent.Type.ORDER_CANCELLED, order.cancelledAt());
    }

    private void add(Order order, OrderEvent.Type type, Instant at) {
        OrderEvent event = new OrderEvent(
                OrderEvent.eventIdFor(order.id(), type),
                type,
                OrderEvent.SCHEMA_VERSION,
                at,
                order.id(),
                order.number(),
                order.storeId(),
                order.counterId(),
                order.counterCameraId(),
                order.orderedAt(),
                order.items().stream().map(OrderOutbox::item).toList(),
                order.total(),
                order.currency());
        outbox.add(Topics.ORDERS, order.id(), event);
    }

    private static OrderEvent.Item item(OrderLine line) {
        return new OrderEvent.Item(line.menuItemId(), line.name(), line.category(), line.quantity(), line.unitPrice());
    }
}
