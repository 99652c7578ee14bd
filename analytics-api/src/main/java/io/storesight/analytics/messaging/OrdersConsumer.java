package io.storesight.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.storesight.analytics.service.IngestService;
import io.storesight.contracts.OrderEvent;

/** Reads the orders topic into the read model, a polled batch per transaction (see {@link BatchIngest}). */
@ApplicationScoped
public class OrdersConsumer {
    public static final String CHANNEL = "orders-in";
    public static final String NAME = "analytics-api.orders";

    private final BatchIngest batches;
    private final IngestService ingest;

    public OrdersConsumer(BatchIngest batches, IngestService ingest) {
        this.batches = batches;
        this.ingest = ingest;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.ingest(
                records,
                OrderEvent.class,
                NAME,
                new BatchIngest.Applier<OrderEvent>(ingest::apply, ingest::completeBatch, ingest::abandonBatch));
    }
}
