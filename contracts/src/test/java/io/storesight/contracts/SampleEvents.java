package io.storesight.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated event of each kind, for round-trip tests. */
final class SampleEvents {
    static final Instant T0 = Instant.parse("2026-11-02T09:15:30.250Z");

    static FaceObservationEvent observation() {
        float[] descriptor = new float[128];
        for (int i = 0; i < descriptor.length; i++) {
            descriptor[i] = (float) Math.sin(i) * 0.12f;
        }
        var face = new FaceObservationEvent.Face(
                new FaceObservationEvent.Box(10.5f, 20f, 64f, 70f),
                0.93f,
                List.of(new FaceObservationEvent.Point(30f, 40f), new FaceObservationEvent.Point(50f, 41f)),
                new FaceObservationEvent.Quality(0.8f, 64f, 120.5f, 4.2f, -1.5f),
                descriptor,
                31.4f,
                "30-39",
                FaceObservationEvent.Gender.FEMALE,
                0.97f);
        return new FaceObservationEvent(
                FaceObservationEvent.eventIdFor("cam-1-42"),
                FaceObservationEvent.Type.FACES_OBSERVED,
                FaceObservationEvent.SCHEMA_VERSION,
                T0.plusMillis(80),
                "cam-1-42",
                "cam-1",
                "store-1",
                "entrance",
                T0,
                80.5,
                1280,
                720,
                Map.of("detector", "blazeface-full-range"),
                List.of(face));
    }

    static FaceIdentityEvent faceIdentities() {
        var box = new FaceObservationEvent.Box(10.5f, 20f, 64f, 70f);
        return FaceIdentityEvent.of(
                FaceObservationEvent.eventIdFor("cam-1-42"),
                "cam-1-42",
                "cam-1",
                "store-1",
                T0,
                1280,
                720,
                List.of(
                        FaceIdentityEvent.Face.customer(
                                0, box, "C-000042", "Ann", "VIP", true, false, "30-39", "FEMALE"),
                        FaceIdentityEvent.Face.unnamed(
                                1,
                                new FaceObservationEvent.Box(400f, 30f, 60f, 66f),
                                FaceIdentityEvent.Status.VISITOR,
                                "20-29",
                                "MALE"),
                        FaceIdentityEvent.Face.unnamed(
                                2,
                                new FaceObservationEvent.Box(800f, 30f, 60f, 66f),
                                FaceIdentityEvent.Status.OPTED_OUT,
                                null,
                                null)),
                T0.plusMillis(90));
    }

    static VisitEvent visit() {
        return new VisitEvent(
                "visit-ended-v1",
                VisitEvent.Type.VISIT_ENDED,
                VisitEvent.SCHEMA_VERSION,
                T0,
                "C-000042",
                "V-1",
                null,
                "store-1",
                "cam-1",
                "entrance",
                2,
                false,
                "REGULAR",
                false,
                "30-39",
                "FEMALE",
                T0.minusSeconds(300),
                T0,
                300.0);
    }

    static CustomerEvent customer() {
        return CustomerEvent.merged(
                "C-000042",
                "C-000043",
                new CustomerEvent.Profile("LOYAL", "Ann", true, "30-39", "FEMALE", false),
                "merged by admin",
                T0);
    }

    static OrderEvent order() {
        return new OrderEvent(
                "order-placed-1",
                OrderEvent.Type.ORDER_PLACED,
                OrderEvent.SCHEMA_VERSION,
                T0,
                "O-1",
                1001,
                "store-1",
                "counter-1",
                "cam-2",
                T0,
                List.of(
                        new OrderEvent.Item("latte", "Caffè Latte", "coffee", 2, new BigDecimal("4.50")),
                        new OrderEvent.Item("brownie", "Brownie", "desserts", 1, new BigDecimal("3.20"))),
                new BigDecimal("12.20"),
                "EUR");
    }

    private SampleEvents() {}
}
