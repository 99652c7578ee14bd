package io.storesight.camera.messaging;

import java.util.function.Consumer;

import io.storesight.contracts.FrameHeaders.FrameMetadata;

/** Where encoded frames go. The callback gets null on success, else the failure; it must not block. */
public interface FrameSink {
    void publish(FrameMetadata metadata, byte[] jpeg, Consumer<Exception> done);
}
