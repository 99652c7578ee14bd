package io.storesight.identity.service;

import java.time.Instant;
import java.util.List;

import io.storesight.identity.Customer;
import io.storesight.identity.CustomerLog;
import io.storesight.identity.Sighting;
import io.storesight.identity.Visit;
import io.storesight.identity.persistence.PresenceRepository;

/** What the REST API returns: pseudonymous ids, times, demographics, boxes; never a descriptor. */
public final class Views {

    public record Page<T>(List<T> items, int page, int size, long total) {}

    public record CustomerView(
            String id,
            int visitCount,
            Instant firstSeen,
            Instant lastSeen,
            String lastLocation,
            Double age,
            String ageBand,
            String gender,
            Double genderConfidence,
            String tier,
            String label,
            boolean vip,
            boolean staff,
            boolean watched) {
        static CustomerView of(Customer c, boolean watched) {
            return new CustomerView(
                    c.id(),
                    c.visitCount(),
                    Instant.ofEpochMilli(c.firstSeen()),
                    Instant.ofEpochMilli(c.lastSeen()),
                    c.lastLocation(),
                    c.age() == null ? null : Math.round(c.age() * 10) / 10.0,
                    c.ageBand(),
                    c.gender(),
                    c.genderConfidence(),
                    c.tier().name(),
                    c.label(),
                    c.vip(),
                    c.staff(),
                    watched);
        }
    }

    public record VisitView(
            String id,
            String customerId,
            String storeId,
            int visitNumber,
            Instant startedAt,
            Instant lastSeenAt,
            Instant endedAt,
            Double dwellSeconds) {
        static VisitView of(Visit v) {
            return new VisitView(
                    v.id(),
                    v.customerId(),
                    v.storeId(),
                    v.visitNumber(),
                    Instant.ofEpochMilli(v.startedAt()),
                    Instant.ofEpochMilli(v.lastSeenAt()),
                    v.endedAt() == null ? null : Instant.ofEpochMilli(v.endedAt()),
                    v.endedAt() == null ? null : (v.endedAt() - v.startedAt()) / 1000.0);
        }
    }

    public record BoxView(double x, double y, double width, double height) {}

    public record SightingView(
            String id,
            String visitId,
            String cameraId,
            String cameraRole,
            String storeId,
            Instant startedAt,
            Instant lastSeenAt,
            Instant endedAt,
            int frames) {
        static SightingView of(Sighting s) {
            return new SightingView(
                    s.id(),
                    s.visitId(),
                    s.cameraId(),
                    s.cameraRole(),
                    s.storeId(),
                    Instant.ofEpochMilli(s.startedAt()),
                    Instant.ofEpochMilli(s.lastSeenAt()),
                    s.endedAt() == null ? null : Instant.ofEpochMilli(s.endedAt()),
                    s.frames());
        }
    }

    public record LogView(long id, Instant timestamp, String event, String cameraId, String storeId) {
        static LogView of(CustomerLog l) {
            return new LogView(l.id(), Instant.ofEpochMilli(l.timestamp()), l.event(), l.cameraId(), l.storeId());
        }
    }

    /** Sightings of a customer at one camera, all time (as far as retention keeps them). */
    public record CameraSightingsView(
            String cameraId, String cameraRole, String storeId, long sightings, long frames, Instant lastSeenAt) {
        static CameraSightingsView of(PresenceRepository.CameraSightings c) {
            return new CameraSightingsView(
                    c.cameraId(),
                    c.cameraRole(),
                    c.storeId(),
                    c.sightings(),
                    c.frames(),
                    Instant.ofEpochMilli(c.lastSeenAt()));
        }
    }

    public record CustomerDetail(
            CustomerView customer,
            int templateCount,
            List<VisitView> visits,
            List<SightingView> recentSightings,
            List<CameraSightingsView> sightingsByCamera,
            List<LogView> logs) {}

    /** One person in view now: enough for a live view to draw a labelled box on the camera's latest frame. */
    public record PresentPerson(
            String customerId,
            String sightingId,
            BoxView box,
            int imageWidth,
            int imageHeight,
            Instant since,
            Instant lastSeenAt,
            int frames,
            String tier,
            boolean vip,
            String label,
            String ageBand,
            String gender,
            int visitCount) {}

    public record CameraPresence(
            String cameraId, String cameraRole, String storeId, Instant cameraTime, List<PresentPerson> people) {}

    /** After a split: the customer as it stays, and the new customer the split-off visits now belong to. */
    public record SplitView(CustomerView customer, CustomerView splitOff) {}

    public record OptOutView(String id, String note, Instant createdAt, List<String> erasedCustomers) {}

    private Views() {}
}
