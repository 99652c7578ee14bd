package io.storesight.face.service;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.rest.ApiException;
import io.storesight.face.config.FaceInferenceConfig;

/**
 * REST analyses share the CPU with the frame workers, so at most {@code storesight.face.api.max-concurrent} run at
 * once; one more is answered 503 with {@code Retry-After} at once instead of queueing (and holding its image).
 */
@ApplicationScoped
public class AnalysisSlots {
    private final int slots;
    private final Semaphore free;

    public AnalysisSlots(FaceInferenceConfig config) {
        this.slots = config.api().maxConcurrent();
        this.free = new Semaphore(slots);
    }

    <T> T run(Supplier<T> analysis) {
        if (!tryTake()) {
            throw ApiException.busy(
                    slots + " analyses are running, the most this instance takes at once; " + "retry shortly", 1);
        }
        try {
            return analysis.get();
        } finally {
            give();
        }
    }

    public boolean tryTake() {
        return free.tryAcquire();
    }

    public void give() {
        free.release();
    }
}
