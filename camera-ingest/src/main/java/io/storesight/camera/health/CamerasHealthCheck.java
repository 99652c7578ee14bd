package io.storesight.camera.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.camera.config.IngestConfig;
import io.storesight.camera.service.CameraManager;
import io.storesight.camera.service.CameraWorker;

/**
 * Ready when ffmpeg can run (without it no stream or file camera can work). A failing camera does not make the
 * service unready: restarting the service would not bring a camera back; its state is in the check's data.
 */
@Readiness
@ApplicationScoped
public class CamerasHealthCheck implements HealthCheck {
    private final CameraManager manager;
    private final IngestConfig config;
    private volatile Boolean ffmpegRuns;

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
        boolean ffmpeg = ffmpegRuns();
        response.withData("ffmpeg", ffmpeg ? "ok" : "'" + config.ffmpeg() + "' cannot be run");
        return response.status(ffmpeg).build();
    }

    private boolean ffmpegRuns() {
        if (ffmpegRuns == null || !ffmpegRuns) {
            try {
                Process process = new ProcessBuilder(config.ffmpeg(), "-hide_banner", "-version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                ffmpegRuns = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (Exception e) {
                ffmpegRuns = false;
            }
        }
        return ffmpegRuns;
    }
}
