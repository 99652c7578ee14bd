package io.storesight.camera.config;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.camera.MediaRoots;
import io.storesight.common.config.StartupSummary;

/** The start line: where the service is, what it reads and writes, and the settings that matter. */
@ApplicationScoped
class StartupLog {
    private static final Logger LOG = Logger.getLogger(StartupLog.class);

    void onStart(
            @Observes StartupEvent event,
            IngestConfig ingest,
            CamerasConfig cameras,
            DemoConfig demo,
            MediaRoots roots) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(
                "cameras from config",
                cameras.cameras().isEmpty() ? "none" : cameras.cameras().keySet());
        settings.put("demo cameras", demo.enabled() ? "on at " + demo.fps() + " fps" : "off");
        settings.put("media folders", roots.roots());
        settings.put("ffmpeg", ingest.ffmpeg().orElse("the one packaged with the service"));
        settings.put(
                "reconnect backoff",
                ingest.backoffInitial().toMillis() + "-" + ingest.backoffMax().toMillis() + " ms");
        settings.put("stall timeout", ingest.stallTimeout().toSeconds() + " s");
        StartupSummary.log(
                LOG,
                "camera-ingest",
                "cameras; face-identities and customer-events for the live view",
                "frames",
                settings);
    }
}
