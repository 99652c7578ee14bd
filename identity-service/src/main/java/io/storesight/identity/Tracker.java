package io.storesight.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.storesight.contracts.FaceObservationEvent.Box;

/**
 * Associates each frame's faces with a camera's open tracks. A face continues a track when it is where the track's
 * person could have moved to and looks like them (when both are described well enough to compare), or when it looks
 * very much like them wherever it is; the cheapest such pairs are taken first. A track takes at most one face per
 * frame, so two people in one frame are always two tracks. A track that has not been seen for longer than the gap
 * tolerance has ended.
 */
public final class Tracker {

    /**
     * @param maxGapMillis      a track unseen for longer than this (capture time) has ended
     * @param sameTrackDistance descriptor distance up to which a face nearby can be the track's person
     * @param reacquireDistance descriptor distance up to which a face anywhere in the frame is the track's person
     * @param maxShift          how far (in face sizes) a face's centre may be from the track's last box
     */
    public record Settings(long maxGapMillis, double sameTrackDistance, double reacquireDistance, double maxShift) {}

    /** What a frame does to a camera's tracks: the tracks it ended, and the track each face continues. */
    public record Step(List<Track> ended, List<Assignment> assignments) {}

    /** A face and the open track it continues; {@code track} is null when the face starts a new track. */
    public record Assignment(Observation face, Track track) {}

    private final Settings settings;

    public Tracker(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param open  the camera's open tracks
     * @param faces one frame's faces, captured at {@code time}
     * @param good  which faces are described well enough to compare (same order as {@code faces})
     */
    public Step associate(List<Track> open, List<Observation> faces, List<Boolean> good, long time) {
        List<Track> ended = new ArrayList<>();
        List<Track> alive = new ArrayList<>();
        for (Track track : open) {
            (time - track.lastSeenAt() > settings.maxGapMillis() ? ended : alive).add(track);
        }
        record Pair(int face, int track, double cost) {}
        List<Pair> pairs = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            for (int t = 0; t < alive.size(); t++) {
                double cost = cost(alive.get(t), faces.get(f), good.get(f));
                if (Double.isFinite(cost)) {
                    pairs.add(new Pair(f, t, cost));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::cost));
        Track[] chosen = new Track[faces.size()];
        Set<Integer> takenTracks = new HashSet<>();
        for (Pair pair : pairs) {
            if (chosen[pair.face()] == null && !takenTracks.contains(pair.track())) {
                chosen[pair.face()] = alive.get(pair.track());
                takenTracks.add(pair.track());
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            assignments.add(new Assignment(faces.get(f), chosen[f]));
        }
        return new Step(List.copyOf(ended), List.copyOf(assignments));
    }

    /**
     * How unlikely it is that {@code face} continues {@code track}: +∞ when it cannot, else the descriptor distance
     * (relative to the same-track limit) plus the movement (relative to the largest plausible move).
     */
    double cost(Track track, Observation face, boolean good) {
        Observation last = track.lastGood();
        double distance =
                good && last != null ? Descriptors.distance(last.descriptor(), face.descriptor()) : Double.NaN;
        double shift = shift(track.box(), face.box());
        boolean nearby = shift <= settings.maxShift();
        boolean looksAlike = Double.isNaN(distance) || distance <= settings.sameTrackDistance();
        boolean unmistakable = !Double.isNaN(distance) && distance <= settings.reacquireDistance();
        if (!(nearby && looksAlike) && !unmistakable) {
            return Double.POSITIVE_INFINITY;
        }
        double appearance = Double.isNaN(distance) ? 1 : distance / settings.sameTrackDistance();
        return appearance + Math.min(shift, settings.maxShift()) / settings.maxShift();
    }

    /** Distance between the two boxes' centres, in sizes of the larger box. */
    static double shift(Box a, Box b) {
        double dx = (a.x() + a.width() / 2.0) - (b.x() + b.width() / 2.0);
        double dy = (a.y() + a.height() / 2.0) - (b.y() + b.height() / 2.0);
        double size = Math.max(1, Math.max(Math.max(a.width(), a.height()), Math.max(b.width(), b.height())));
        return Math.hypot(dx, dy) / size;
    }
}
