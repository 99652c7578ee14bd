package io.storesight.face.config;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.common.config.StartupSummary;

/** The start line: where the service is, what it reads and writes, and the settings that matter. */
@ApplicationScoped
class StartupLog {
    private static final Logger LOG = Logger.getLogger(StartupLog.class);

    void onStart(@Observes StartupEvent event, FaceInferenceConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(
                "frame workers", config.worker().enabled() ? config.worker().count() : "off");
        settings.put("max frame age", config.worker().maxFrameAge().toSeconds() + " s");
        settings.put("detector", config.engine().detector());
        settings.put("precision", config.engine().precision());
        settings.put("face batch", config.engine().batchSize());
        settings.put("native threads", config.engine().nativeThreads());
        settings.put("verify threshold", config.api().verifyThreshold());
        StartupSummary.log(
                LOG,
                "face-inference",
                "frames (group " + config.worker().groupId() + ")",
                "face-observations",
                settings);
    }
}
