package io.storesight.face;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

/** {@link FaceMetrics} is plain Java so the benchmark can use it without CDI; this makes it a bean. */
public class FaceMetricsProducer {
    @Produces
    @Singleton
    FaceMetrics metrics(MeterRegistry registry) {
        return new FaceMetrics(registry);
    }
}
