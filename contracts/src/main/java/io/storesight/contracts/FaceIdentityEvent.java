package io.storesight.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Who each face of one processed frame is, on {@code face-identities} (key: camera id): identity-service's decision
 * per face, published for every face-observation it processed (also with no faces), so that a live view labels every
 * box with its own customer. Never a descriptor. Names customers next to camera times, so the topic keeps what
 * {@code frames} keeps.
 */
public record FaceIdentityEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        String observationId,
        String frameId,
        @IdField String camera,
        @IdField String storeId,
        Instant capturedAt,
        int imageWidth,
        int imageHeight,
        List<Face> faces)
        implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        FACES_IDENTIFIED
    }

    /**
     * What identity made of a face: a known customer; a visitor (on a track nobody is recognised on yet); opted out
     * (dropped before anything was stored, so nothing but the box is said); skipped (too poor to judge, on no
     * recognised track).
     */
    public enum Status {
        CUSTOMER,
        VISITOR,
        OPTED_OUT,
        SKIPPED
    }

    public FaceIdentityEvent {
        faces = faces == null ? null : List.copyOf(faces);
    }

    /**
     * The identities of the frame of observation {@code observationId}; the event id derives from the observation, so
     * a replay yields the same id.
     */
    public static FaceIdentityEvent of(
            String observationId,
            String frameId,
            String camera,
            String storeId,
            Instant capturedAt,
            int imageWidth,
            int imageHeight,
            List<Face> faces,
            Instant at) {
        return new FaceIdentityEvent(
                "faces-" + observationId,
                Type.FACES_IDENTIFIED,
                SCHEMA_VERSION,
                at,
                observationId,
                frameId,
                camera,
                storeId,
                capturedAt,
                imageWidth,
                imageHeight,
                faces);
    }

    @Override
    public void checkFields() {
        for (Face face : faces) {
            if (face.status() == Status.CUSTOMER && face.customerId() == null) {
                throw new InvalidEventException("missing required field 'customerId' of face " + face.index()
                        + " in FaceIdentityEvent: a CUSTOMER face names its customer");
            }
        }
    }

    @Override
    public String typeName() {
        return type.name();
    }

    /**
     * One face: its index in the observation's list, its box (pixels of the frame), and the customer it is (label,
     * tier, VIP, staff) when known; age band and gender are the customer's when known, else the face's estimate.
     */
    public record Face(
            int index,
            FaceObservationEvent.Box box,
            Status status,
            @OptionalField @IdField String customerId,
            @OptionalField String label,
            @OptionalField String tier,
            boolean vip,
            boolean staff,
            @OptionalField String ageBand,
            @OptionalField String gender) {

        public static Face customer(
                int index,
                FaceObservationEvent.Box box,
                String customerId,
                String label,
                String tier,
                boolean vip,
                boolean staff,
                String ageBand,
                String gender) {
            return new Face(index, box, Status.CUSTOMER, customerId, label, tier, vip, staff, ageBand, gender);
        }

        /** A face without a customer (VISITOR, OPTED_OUT or SKIPPED). */
        public static Face unnamed(
                int index, FaceObservationEvent.Box box, Status status, String ageBand, String gender) {
            return new Face(index, box, status, null, null, null, false, false, ageBand, gender);
        }
    }
}
