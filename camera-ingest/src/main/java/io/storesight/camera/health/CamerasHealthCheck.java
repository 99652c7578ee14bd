package io.storesight.camera.health;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.camera.config.IngestConfig;
import io.storesight.camera.service.CameraManager;
import io.storesight.camera.service.CameraWorker;
import io.storesight.camera.service.Ffmpeg;

/**
 * Ready when ffmpeg can run (without it no stream or file camera can work). A failing camera does not make the
 * service unready: restarting the service would not bring a camera back; its state is in the check's data.
 */
@Readiness
@ApplicationScoped
public class CamerasHealthCheck implements HealthCheck {
    private final CameraManager manager;
    private final IngestConfig config;
    private volatile boolean ffmpegRuns;
    private volatile String ffmpegProblem;

    public CamerasHealthCheck(CameraManager manager, IngestConfig config) {
        this.manager = manager;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cameras");
        Map<String, String> states = new TreeMap<>();
        for (CameraWorker worker : manager.workers()) {
            states.put(worker.settings().id(), worker.state().wireName());
        }
        states.forEach(response::withData);
        // Checked until it first works: an ffmpeg that ran once does not vanish while the service runs.
        if (!ffmpegRuns) {
            ffmpegProblem = Ffmpeg.problem(config.ffmpeg()).orElse(null);
            ffmpegRuns = ffmpegProblem == null;
        }
        response.withData("ffmpeg", ffmpegRuns ? "ok" : ffmpegProblem);
        return response.status(ffmpegRuns).build();
    }
}
