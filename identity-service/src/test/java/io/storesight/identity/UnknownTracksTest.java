package io.storesight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.FaceObservationEvent.Box;
import io.storesight.contracts.FaceObservationEvent.Gender;

class UnknownTracksTest {
    private final Random random = new Random(11);

    private float[] person() {
        float[] v = new float[Descriptors.DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() * 0.12f;
        }
        return v;
    }

    /** Another view of the same person: a small perturbation (distance ≈ 0.1). */
    private float[] view(float[] person) {
        float[] v = person.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) random.nextGaussian() * 0.009f;
        }
        return v;
    }

    private static Observation face(String frame, long t, float[] d) {
        return new Observation(frame, t, d, 0.9f, 30, Gender.FEMALE, 0.9f, new Box(1, 2, 3, 4), 640, 480);
    }

    @Test
    void threeFramesWithinTheWindowConfirmOneTrack() {
        UnknownTracks tracks = new UnknownTracks(0.45, 3, 5000);
        float[] p = person();
        assertThat(tracks.add("cam", List.of(face("f1", 0, view(p))))).isEmpty();
        assertThat(tracks.add("cam", List.of(face("f2", 200, view(p))))).isEmpty();
        List<List<Observation>> confirmed = tracks.add("cam", List.of(face("f3", 400, view(p))));
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.get(0)).extracting(Observation::frameId).containsExactly("f1", "f2", "f3");
        assertThat(tracks.pendingFaces()).isZero();
    }

    @Test
    void singleFramesAndStaleFacesNeverConfirm() {
        UnknownTracks tracks = new UnknownTracks(0.45, 3, 5000);
        float[] p = person();
        assertThat(tracks.add("cam", List.of(face("f1", 0, view(p))))).isEmpty();
        assertThat(tracks.add("cam", List.of(face("f2", 6000, view(p))))).isEmpty();
        assertThat(tracks.add("cam", List.of(face("f3", 12000, view(p))))).isEmpty();
        // different people, each seen once
        assertThat(tracks.add("cam", List.of(face("f4", 12100, person())))).isEmpty();
        assertThat(tracks.add("cam", List.of(face("f5", 12200, person())))).isEmpty();
        // the same face on another camera is another track
        assertThat(tracks.add("other", List.of(face("f6", 12300, view(p))))).isEmpty();
    }

    @Test
    void twoPeopleInTheSameFramesMakeTwoTracks() {
        UnknownTracks tracks = new UnknownTracks(0.45, 3, 5000);
        float[] a = person();
        float[] b = person();
        tracks.add("cam", List.of(face("f1", 0, view(a)), face("f1", 0, view(b))));
        tracks.add("cam", List.of(face("f2", 200, view(b)), face("f2", 200, view(a))));
        List<List<Observation>> confirmed = tracks.add("cam",
                List.of(face("f3", 400, view(a)), face("f3", 400, view(b))));
        assertThat(confirmed).hasSize(2);
        for (List<Observation> track : confirmed) {
            assertThat(track).extracting(Observation::frameId).containsExactly("f1", "f2", "f3");
            float[] first = track.get(0).descriptor();
            assertThat(track).allMatch(o -> Descriptors.distance(o.descriptor(), first) < 0.3);
        }
    }

    @Test
    void forgetDropsMatchingPendingFaces() {
        UnknownTracks tracks = new UnknownTracks(0.45, 3, 5000);
        float[] p = person();
        tracks.add("cam", List.of(face("f1", 0, view(p))));
        tracks.add("cam", List.of(face("f2", 100, view(p))));
        tracks.forget(p, 0.5);
        assertThat(tracks.pendingFaces()).isZero();
        assertThat(tracks.add("cam", List.of(face("f3", 200, view(p))))).isEmpty();
    }
}
