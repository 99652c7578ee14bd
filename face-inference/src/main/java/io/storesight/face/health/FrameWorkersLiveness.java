package io.storesight.face.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.face.messaging.FrameWorker;
import io.storesight.face.messaging.FrameWorkerPool;

/**
 * A worker that died on an unexpected error takes no more frames: restarting the instance is the remedy. It is a
 * readiness check too, so that an instance consuming nothing does not report ready.
 */
@Liveness
@Readiness
@ApplicationScoped
public class FrameWorkersLiveness implements HealthCheck {
    private final FrameWorkerPool pool;

    public FrameWorkersLiveness(FrameWorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("frame-workers")
                .withData("workers", pool.workers().size());
        boolean up = true;
        for (FrameWorker worker : pool.workers()) {
            if (worker.failure().isPresent()) {
                response.withData(worker.name(), worker.failure().get());
                up = false;
            } else {
                response.withData(worker.name(), "partitions " + worker.partitions());
            }
        }
        return response.status(up).build();
    }
}
