package io.storesight.camera.service;

import java.io.IOException;

/** One connection to a camera source. Closing it from another thread unblocks {@link #next()}. */
public interface FrameSource extends AutoCloseable {

    /** Blocks for the next decoded frame; null when a finite source has played to its end. */
    CapturedFrame next() throws IOException;

    @Override
    void close();
}
