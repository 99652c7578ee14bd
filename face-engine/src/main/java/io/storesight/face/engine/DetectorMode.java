package io.storesight.face.engine;

/** Which BlazeFace model finds the faces. */
public enum DetectorMode {
    /** Full-range model: faces up to ~5 m from a store camera; misses faces that fill the image. */
    FULL_RANGE,
    /** Short-range model: close-ups, selfies and uploaded face crops (faces within ~2 m). */
    SHORT_RANGE,
    /** Full range first; when it finds nothing, short range (covers both camera frames and close-ups). */
    AUTO
}
