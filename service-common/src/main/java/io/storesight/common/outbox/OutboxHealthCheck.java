package io.storesight.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Changes are accepted while the broker is away (their events wait in the outbox), so a backlog alone is not
 * "down"; a relay that should run and does not is, because then nothing will ever drain it.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "storesight.outbox.relay", stringValue = "true")
public class OutboxHealthCheck implements HealthCheck {
    private final OutboxRelay relay;
    private final OutboxRepository outbox;
    private final OutboxConfig config;

    public OutboxHealthCheck(OutboxRelay relay, OutboxRepository outbox, OutboxConfig config) {
        this.relay = relay;
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRepository.Backlog backlog = outbox.backlog();
        return HealthCheckResponse.named("outbox relay")
                .status(relay.running() || !config.enabled())
                .withData("running", relay.running())
                .withData("pending", backlog.pending())
                .withData("lagSeconds", (long) relay.lagSeconds())
                .build();
    }
}
