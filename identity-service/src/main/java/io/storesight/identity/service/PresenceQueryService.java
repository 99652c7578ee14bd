package io.storesight.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.rest.ApiException;
import io.storesight.identity.CameraClock;
import io.storesight.identity.Customer;
import io.storesight.identity.Sighting;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.PresenceRepository;
import io.storesight.identity.service.Views.BoxView;
import io.storesight.identity.service.Views.CameraPresence;
import io.storesight.identity.service.Views.Page;
import io.storesight.identity.service.Views.PresentPerson;
import io.storesight.identity.service.Views.VisitView;

/** Read side of presence: who is in view now per camera (for a live view) and the visit list. */
@ApplicationScoped
public class PresenceQueryService {
    private final PresenceRepository presence;
    private final CustomerRepository customers;

    public PresenceQueryService(PresenceRepository presence, CustomerRepository customers) {
        this.presence = presence;
        this.customers = customers;
    }

    /** Every camera that has sent frames, with the customers in an open sighting there (box of the last frame). */
    public List<CameraPresence> present(String cameraId, String storeId) {
        Map<String, List<PresentPerson>> people = new LinkedHashMap<>();
        Map<String, CameraClock> clocks = new LinkedHashMap<>();
        for (CameraClock clock : presence.clocks()) {
            if ((cameraId == null || cameraId.equals(clock.cameraId()))
                    && (storeId == null || storeId.equals(clock.storeId()))) {
                clocks.put(clock.cameraId(), clock);
                people.put(clock.cameraId(), new ArrayList<>());
            }
        }
        for (Sighting s : presence.openSightings(cameraId, storeId)) {
            Customer c = customers.find(s.customerId()).orElse(null);
            if (c == null || !people.containsKey(s.cameraId())) {
                continue;
            }
            people.get(s.cameraId())
                    .add(new PresentPerson(
                            c.id(),
                            s.id(),
                            new BoxView(
                                    s.box().x(),
                                    s.box().y(),
                                    s.box().width(),
                                    s.box().height()),
                            s.imageWidth(),
                            s.imageHeight(),
                            Instant.ofEpochMilli(s.startedAt()),
                            Instant.ofEpochMilli(s.lastSeenAt()),
                            s.frames(),
                            c.tier().name(),
                            c.vip(),
                            c.label(),
                            c.ageBand(),
                            c.gender(),
                            c.visitCount()));
        }
        List<CameraPresence> out = new ArrayList<>();
        clocks.forEach((id, clock) -> out.add(new CameraPresence(
                id, clock.cameraRole(), clock.storeId(), Instant.ofEpochMilli(clock.captureTime()), people.get(id))));
        return out;
    }

    public Page<VisitView> visits(
            String customerId, String storeId, String from, String to, Boolean open, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ApiException.badRequest("page must be ≥ 0 and size between 1 and 500");
        }
        PresenceRepository.VisitQuery query = new PresenceRepository.VisitQuery(
                customerId,
                storeId,
                CustomerService.instantParam("from", from),
                CustomerService.instantParam("to", to),
                open,
                page,
                size);
        return new Page<>(
                presence.visits(query).stream().map(VisitView::of).toList(), page, size, presence.countVisits(query));
    }
}
