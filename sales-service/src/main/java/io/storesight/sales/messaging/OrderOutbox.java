package io.storesight.sales.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.sales.Order;
import io.storesight.sales.OrderLine;
import io.storesight.sales.persistence.OutboxRepository;

/**
 * Turns order changes into {@link OrderEvent}s in the outbox. The event (and its id) is fixed here, inside the
 * order's transaction, so every publish attempt sends the same bytes and consumers can deduplicate by eventId.
 */
@ApplicationScoped
public class OrderOutbox {
    private final OutboxRepository outbox;

    public OrderOutbox(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    public void placed(Order order) {
        add(order, OrderEvent.Type.ORDER_PLACED, order.orderedAt());
    }

    public void cancelled(Order order) {
        add(order, OrderEvent.Type.ORDER_CANCELLED, order.cancelledAt());
    }

    private void add(Order order, OrderEvent.Type type, Instant at) {
        OrderEvent event = new OrderEvent(UUID.randomUUID().toString(), type, OrderEvent.SCHEMA_VERSION, at,
                order.id(), order.number(), order.storeId(), order.counterId(), order.counterCameraId(),
                order.orderedAt(), order.items().stream().map(OrderOutbox::item).toList(), order.total(),
                order.currency());
        outbox.add(event.eventId(), type.name(), Topics.ORDERS, order.id(), EventJson.toJson(event), at);
    }

    private static OrderEvent.Item item(OrderLine line) {
        return new OrderEvent.Item(line.menuItemId(), line.name(), line.category(), line.quantity(),
                line.unitPrice());
    }
}
