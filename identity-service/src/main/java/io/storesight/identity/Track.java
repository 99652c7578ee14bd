package io.storesight.identity;

import java.util.ArrayList;
import java.util.List;

import io.storesight.contracts.FaceObservationEvent.Box;

/**
 * One person passing one camera: the faces of consecutive frames that belong together (see {@link Tracker}). While
 * undecided, a track keeps its recent good faces as evidence for {@link TrackDecider}; once it belongs to a customer
 * it keeps only its latest good face, which the next frame is compared with, and its frames go to that customer.
 *
 * @param customerId null while undecided
 * @param strong     the customer was recognised beyond doubt (or created from this track): only such a track may
 *                   teach the customer's templates a new look
 * @param nearKnown  some good face of the track was close to an existing customer, so the track may never become a
 *                   new customer, whatever its later faces look like
 * @param candidates the customers any good face of the undecided track had among its nearest: each face is judged
 *                   against all of them, while the gallery is searched once per face, when it arrives
 */
public record Track(
        String id,
        Place place,
        long startedAt,
        long lastSeenAt,
        int frames,
        Box box,
        int imageWidth,
        int imageHeight,
        Demographics demographics,
        List<Observation> evidence,
        String customerId,
        boolean strong,
        boolean nearKnown,
        List<String> candidates) {

    public Track {
        evidence = List.copyOf(evidence);
        candidates = List.copyOf(candidates);
    }

    public static Track start(String id, Place place, Observation face, boolean good) {
        return new Track(
                id,
                place,
                face.time(),
                face.time(),
                1,
                face.box(),
                face.imageWidth(),
                face.imageHeight(),
                Demographics.of(face),
                good ? List.of(face) : List.of(),
                null,
                false,
                false,
                List.of());
    }

    public boolean decided() {
        return customerId != null;
    }

    /** The latest good face, or null if the track has only seen faces too poor to describe a person. */
    public Observation lastGood() {
        return evidence.isEmpty() ? null : evidence.get(evidence.size() - 1);
    }

    /** One more frame's face; a good one joins the evidence (the oldest dropped beyond {@code maxEvidence}). */
    public Track extend(Observation face, boolean good, int maxEvidence) {
        boolean latest = face.time() >= lastSeenAt;
        List<Observation> kept = evidence;
        if (good) {
            List<Observation> more = new ArrayList<>(evidence);
            more.add(face);
            int keep = decided() ? 1 : maxEvidence;
            kept = more.subList(Math.max(0, more.size() - keep), more.size());
        }
        return new Track(
                id,
                place,
                Math.min(startedAt, face.time()),
                Math.max(lastSeenAt, face.time()),
                frames + 1,
                latest ? face.box() : box,
                latest ? face.imageWidth() : imageWidth,
                latest ? face.imageHeight() : imageHeight,
                demographics.plus(Demographics.of(face)),
                kept,
                customerId,
                strong,
                nearKnown,
                candidates);
    }

    /** The track belongs to {@code customer} from now on (and always did, earlier frames included). */
    public Track decide(String customer, boolean beyondDoubt) {
        List<Observation> last = evidence.isEmpty() ? List.of() : List.of(lastGood());
        return new Track(
                id,
                place,
                startedAt,
                lastSeenAt,
                frames,
                box,
                imageWidth,
                imageHeight,
                demographics,
                last,
                customer,
                beyondDoubt,
                nearKnown,
                List.of());
    }

    /** Still undecided, with what the latest judgement learnt. */
    public Track undecided(boolean nearKnownNow, List<String> candidatesNow) {
        return new Track(
                id,
                place,
                startedAt,
                lastSeenAt,
                frames,
                box,
                imageWidth,
                imageHeight,
                demographics,
                evidence,
                customerId,
                strong,
                nearKnownNow,
                candidatesNow);
    }

    /** The same track under another customer id (after a merge folded its customer into another). */
    public Track reassigned(String customer) {
        return new Track(
                id,
                place,
                startedAt,
                lastSeenAt,
                frames,
                box,
                imageWidth,
                imageHeight,
                demographics,
                evidence,
                customer,
                strong,
                nearKnown,
                candidates);
    }
}
