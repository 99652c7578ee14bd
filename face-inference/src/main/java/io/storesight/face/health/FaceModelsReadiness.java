package io.storesight.face.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.face.FaceEngine;

/** Ready only once the networks are loaded and have run once: before that, analysis would fail or stall. */
@Readiness
@ApplicationScoped
public class FaceModelsReadiness implements HealthCheck {
    private final FaceEngine engine;

    public FaceModelsReadiness(FaceEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("face-models").withData("modelDir", engine.modelDir());
        return engine.problem()
                .map(problem -> response.down().withData("state", problem))
                .orElseGet(() -> response.up().withData("state", "warm").withData("loadMillis", engine.loadMillis()))
                .build();
    }
}
