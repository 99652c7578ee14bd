package io.storesight.camera.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Cameras declared in the application config, e.g. {@code storesight.cameras."cam-entrance".source=rtsp://...}
 * (env, for ids of letters and digits: {@code STORESIGHT_CAMERAS_CAM1_SOURCE}). Applied at every start; the REST API adds more.
 */
@ConfigMapping(prefix = "storesight.cameras")
public interface CamerasConfig {

    @WithParentName
    Map<String, Camera> cameras();

    interface Camera {
        Optional<String> name();

        Optional<String> storeId();

        @WithDefault("other")
        String role();

        String source();

        @WithDefault("5")
        double fps();

        @WithDefault("1280")
        int maxLongSide();

        @WithDefault("85")
        int jpegQuality();

        /** Play a video file or image folder again from the start when it ends. */
        @WithDefault("false")
        boolean loop();

        /** Playback rate of an image folder (default: the target fps). */
        OptionalDouble sourceFps();

        Motion motion();

        interface Motion {
            @WithDefault("false")
            boolean enabled();

            @WithDefault("0.5")
            double sensitivity();
        }
    }
}
