package io.storesight.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faces that matched nobody, clustered per camera into tracks by descriptor distance. A track becomes a new customer
 * only when it holds enough faces from distinct frames within the window: one blurry frame never creates a customer,
 * and a person standing in view keeps extending one track until it is confirmed. Memory only: tracks are short-lived
 * by nature, and losing them on a restart costs at most a few frames.
 */
public final class UnknownTracks {
    private final double threshold;
    private final int minObservations;
    private final long windowMillis;
    private final Map<String, List<List<Observation>>> tracksByCamera = new HashMap<>();

    public UnknownTracks(double threshold, int minObservations, long windowMillis) {
        this.threshold = threshold;
        this.minObservations = minObservations;
        this.windowMillis = windowMillis;
    }

    /**
     * Adds the unknown faces of one frame of one camera. Returns the tracks that are now confirmed (removed from
     * here); each face joins at most one track and each track takes at most one face per frame.
     */
    public synchronized List<List<Observation>> add(String cameraId, List<Observation> faces) {
        List<List<Observation>> tracks = tracksByCamera.computeIfAbsent(cameraId, id -> new ArrayList<>());
        List<List<Observation>> extended = new ArrayList<>();
        List<List<Observation>> confirmed = new ArrayList<>();
        for (Observation face : faces) {
            expire(tracks, face.time());
            List<Observation> bestTrack = null;
            double bestDistance = threshold;
            for (List<Observation> track : tracks) {
                if (extended.contains(track) || containsFrame(track, face.frameId())) {
                    continue;
                }
                for (Observation seen : track) {
                    double d = Descriptors.distance(seen.descriptor(), face.descriptor());
                    if (d <= bestDistance) {
                        bestDistance = d;
                        bestTrack = track;
                    }
                }
            }
            if (bestTrack == null) {
                bestTrack = new ArrayList<>();
                tracks.add(bestTrack);
            }
            bestTrack.add(face);
            extended.add(bestTrack);
            if (bestTrack.size() >= minObservations) {
                tracks.remove(bestTrack);
                confirmed.add(bestTrack);
            }
        }
        if (tracks.isEmpty()) {
            tracksByCamera.remove(cameraId);
        }
        return confirmed;
    }

    /** Drops every pending face close to the descriptor (an opt-out enrolment reaches tracks too). */
    public synchronized void forget(float[] descriptor, double distance) {
        for (List<List<Observation>> tracks : tracksByCamera.values()) {
            tracks.removeIf(track -> track.stream()
                    .anyMatch(o -> Descriptors.distance(o.descriptor(), descriptor) <= distance));
        }
    }

    public synchronized void forgetCamera(String cameraId) {
        tracksByCamera.remove(cameraId);
    }

    public synchronized int pendingFaces() {
        return tracksByCamera.values().stream().flatMap(List::stream).mapToInt(List::size).sum();
    }

    public synchronized Optional<Integer> trackCount(String cameraId) {
        return Optional.ofNullable(tracksByCamera.get(cameraId)).map(List::size);
    }

    private void expire(List<List<Observation>> tracks, long now) {
        for (Iterator<List<Observation>> it = tracks.iterator(); it.hasNext();) {
            List<Observation> track = it.next();
            track.removeIf(o -> now - o.time() > windowMillis);
            if (track.isEmpty()) {
                it.remove();
            }
        }
    }

    private static boolean containsFrame(List<Observation> track, String frameId) {
        return track.stream().anyMatch(o -> o.frameId().equals(frameId));
    }
}
