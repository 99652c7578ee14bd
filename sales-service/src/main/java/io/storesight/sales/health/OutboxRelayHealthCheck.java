package io.storesight.sales.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.sales.config.SalesConfig;
import io.storesight.sales.messaging.OutboxRelay;
import io.storesight.sales.persistence.OutboxRepository;

/**
 * Orders are accepted while the broker is away (they wait in the outbox), so a backlog alone is not "down"; a relay
 * that should run and does not is, because then nothing will ever drain it.
 */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {
    private final OutboxRelay relay;
    private final OutboxRepository outbox;
    private final SalesConfig config;

    public OutboxRelayHealthCheck(OutboxRelay relay, OutboxRepository outbox, SalesConfig config) {
        this.relay = relay;
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRepository.Backlog backlog = outbox.backlog();
        boolean up = relay.running() || !config.outbox().enabled();
        return HealthCheckResponse.named("order outbox relay")
                .status(up)
                .withData("running", relay.running())
                .withData("pending", backlog.pending())
                .withData("lagSeconds", (long) relay.lagSeconds())
                .build();
    }
}
