package io.storesight.identity;

import io.storesight.contracts.FaceObservationEvent.Box;

/**
 * A stretch of one person's presence at one camera: a single face, or every frame of a track so far (when a track
 * is decided, its earlier frames count for its customer too).
 *
 * @param box the latest frame's face box, with that frame's size: what a live view draws
 */
public record Seen(
        long from, long to, int frames, Box box, int imageWidth, int imageHeight, Demographics demographics) {

    public static Seen of(Observation face) {
        return new Seen(
                face.time(), face.time(), 1, face.box(), face.imageWidth(), face.imageHeight(), Demographics.of(face));
    }

    public static Seen of(Track track) {
        return new Seen(
                track.startedAt(),
                track.lastSeenAt(),
                track.frames(),
                track.box(),
                track.imageWidth(),
                track.imageHeight(),
                track.demographics());
    }
}
