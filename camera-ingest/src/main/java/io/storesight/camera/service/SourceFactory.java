package io.storesight.camera.service;

import java.io.IOException;

import io.storesight.camera.CameraSettings;

/** Opens a new connection to a camera's source (one per attempt, so a source that appears later is found). */
@FunctionalInterface
public interface SourceFactory {
    FrameSource open(CameraSettings settings) throws IOException;
}
