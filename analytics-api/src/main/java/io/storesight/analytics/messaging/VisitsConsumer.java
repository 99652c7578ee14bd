package io.storesight.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.storesight.analytics.service.IngestService;
import io.storesight.contracts.VisitEvent;

/** Reads the visits topic into the read model, a polled batch per transaction (see {@link BatchIngest}). */
@ApplicationScoped
public class VisitsConsumer {
    public static final String CHANNEL = "visits-in";
    public static final String NAME = "analytics-api.visits";

    private final BatchIngest batches;
    private final IngestService ingest;

    public VisitsConsumer(BatchIngest batches, IngestService ingest) {
        this.batches = batches;
        this.ingest = ingest;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.ingest(
                records,
                VisitEvent.class,
                NAME,
                new BatchIngest.Applier<VisitEvent>(ingest::apply, ingest::completeBatch, ingest::abandonBatch));
    }
}
