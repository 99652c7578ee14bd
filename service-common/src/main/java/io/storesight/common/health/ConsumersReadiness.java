package io.storesight.common.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.common.messaging.InPlaceRetry;

/**
 * A consumer that has retried a transient failure for minutes (a database locked by another process, a full disk, a
 * broker that does not acknowledge) applies nothing meanwhile: the service says it is not ready, and why.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    private final InPlaceRetry retry;

    public ConsumersReadiness(InPlaceRetry retry) {
        this.retry = retry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers");
        retry.failing()
                .forEach((consumer, failing) -> response.withData(
                        consumer,
                        "retrying since " + failing.since() + " (" + failing.failures() + " attempts): "
                                + failing.lastError()));
        return response.status(!retry.stuck(Instant.now())).build();
    }
}
