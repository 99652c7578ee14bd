package io.storesight.camera.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.storesight.camera.CameraDraft;
import io.storesight.camera.config.DemoConfig;
import io.storesight.camera.config.IngestConfig;
import io.storesight.contracts.Models;

/**
 * The local run's demo cameras (storesight.demo.enabled=true): an entrance and a counter camera playing looping videos
 * rendered at start from the sample photos (once; cached in the demo dir).
 */
@ApplicationScoped
public class DemoCameras {
    private static final Logger LOG = Logger.getLogger(DemoCameras.class);
    /** Bump when the scenario changes so that cached videos are re-rendered. */
    private static final String VERSION = "v2";

    private static final double VIDEO_FPS = 5;
    private static final List<String> IDS = List.of("demo-entrance", "demo-counter");

    private final DemoConfig demo;
    private final IngestConfig ingest;
    private final String dataDir;

    public DemoCameras(
            DemoConfig demo,
            IngestConfig ingest,
            @ConfigProperty(name = "storesight.data.dir", defaultValue = ".") String dataDir) {
        this.demo = demo;
        this.ingest = ingest;
        this.dataDir = dataDir;
    }

    /** The ids the demo cameras will have; empty when the demo is off. */
    public List<String> ids() {
        return demo.enabled() ? IDS : List.of();
    }

    /**
     * Renders the videos if needed (slow) and returns the demo cameras; none when disabled, or (logged) when the
     * sample photos are missing.
     */
    public List<CameraDraft> cameras() {
        if (!demo.enabled()) {
            return List.of();
        }
        Path models = Models.find().orElse(null);
        if (models == null) {
            LOG.error("demo cameras enabled but no models directory with samples/ found: run models/fetch, or set "
                    + "STORESIGHT_MODELS_DIR");
            return List.of();
        }
        Path dir = dir();
        try {
            String ffmpeg = Ffmpeg.locate(ingest.ffmpeg());
            Path entrance = DemoScenario.render(
                    ffmpeg, models, DemoScenario.ENTRANCE, VIDEO_FPS, dir.resolve("demo-entrance-" + VERSION + ".mp4"));
            Path counter = DemoScenario.render(
                    ffmpeg, models, DemoScenario.COUNTER, VIDEO_FPS, dir.resolve("demo-counter-" + VERSION + ".mp4"));
            LOG.infof("demo cameras play %s and %s", entrance, counter);
            return List.of(
                    draft(IDS.get(0), "Demo entrance", "entrance", entrance),
                    draft(IDS.get(1), "Demo counter", "counter", counter));
        } catch (IOException | IllegalStateException e) {
            LOG.errorf("cannot render the demo videos: %s", e.getMessage());
            return List.of();
        }
    }

    /** Where the demo videos are rendered; always one of the media roots. */
    public Path dir() {
        return Path.of(demo.dir().orElse(dataDir + "/demo"));
    }

    private CameraDraft draft(String id, String name, String role, Path video) {
        return new CameraDraft(
                id,
                name,
                demo.storeId(),
                role,
                video.toAbsolutePath().toString(),
                demo.fps(),
                null,
                null,
                false,
                null,
                true,
                null);
    }
}
