package io.storesight.identity.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.storesight.identity.Customer;
import io.storesight.identity.CustomerLog;
import io.storesight.identity.Place;
import io.storesight.identity.Seen;
import io.storesight.identity.Sighting;
import io.storesight.identity.Tier;
import io.storesight.identity.Visit;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.LogRepository;
import io.storesight.identity.persistence.PresenceRepository;

/**
 * Sightings (per camera) and visits (per store) on frame-capture time. Runs inside the writer's transaction. A
 * sighting or visit ends at the last time the customer was seen, once the camera's (or store's) clock has moved more
 * than the absence threshold past it; the visit counter moves once, when a visit starts. The start of a visit is
 * what a store owner reads in the log: a new customer, a returning one with their visit number, a VIP.
 */
@ApplicationScoped
public class PresenceService {
    private static final Logger LOG = Logger.getLogger(PresenceService.class);

    private final IdentityConfig config;
    private final CustomerRepository customers;
    private final PresenceRepository presence;
    private final LogRepository logs;
    private final IdentityEvents events;
    private final AlertService alerts;

    public PresenceService(
            IdentityConfig config,
            CustomerRepository customers,
            PresenceRepository presence,
            LogRepository logs,
            IdentityEvents events,
            AlertService alerts) {
        this.config = config;
        this.customers = customers;
        this.presence = presence;
        this.logs = logs;
        this.events = events;
        this.alerts = alerts;
    }

    /** The customer was at {@code place} for {@code seen}; returns the sighting it belongs to. */
    public Sighting seen(String customerId, Seen seen, Place place) {
        Customer before = customers
                .find(customerId)
                .orElseThrow(() -> new IllegalStateException("customer " + customerId + " vanished"));
        Customer c = before.plus(seen.demographics())
                .seen(seen.from(), place.cameraId())
                .seen(seen.to(), place.cameraId());

        Visit visit = presence.openVisit(customerId, place.storeId()).orElse(null);
        boolean visitStarted = visit == null;
        if (visitStarted) {
            int count = c.visitCount() + 1;
            c = c.withVisits(count, Tier.of(count, c.vip(), config.tiers()));
            visit = new Visit(
                    UUID.randomUUID().toString(), customerId, place.storeId(), count, seen.from(), seen.to(), null);
            presence.insertVisit(visit);
            logs.add(customerId, seen.from(), CustomerLog.VISIT_STARTED, place.cameraId(), place.storeId());
            logVisitStart(c, visit, place);
            if (c.tier() == Tier.VIP) {
                logs.add(customerId, seen.from(), CustomerLog.VIP_ARRIVED, place.cameraId(), place.storeId());
            }
            if (c.tier() != before.tier()) {
                c = c.nextVersion();
                events.customerUpdated(c);
            }
        } else {
            presence.touchVisit(visit.id(), seen.from(), seen.to());
        }

        Sighting sighting = presence.openSighting(customerId, place.cameraId()).orElse(null);
        if (sighting == null) {
            sighting = new Sighting(
                    UUID.randomUUID().toString(),
                    customerId,
                    visit.id(),
                    place.cameraId(),
                    place.cameraRole(),
                    place.storeId(),
                    seen.from(),
                    seen.to(),
                    null,
                    seen.frames(),
                    seen.box(),
                    seen.imageWidth(),
                    seen.imageHeight(),
                    seen.demographics());
            presence.insertSighting(sighting);
            logs.add(customerId, seen.from(), CustomerLog.ENTERED_FRAME, place.cameraId(), place.storeId());
            if (visitStarted) {
                events.visitStarted(c, visit, sighting);
                alerts.visitStarted(c, visit, sighting.cameraId());
            }
            events.sightingStarted(c, visit, sighting);
        } else {
            presence.touchSighting(sighting.id(), seen);
        }
        customers.update(c);
        return sighting;
    }

    private static void logVisitStart(Customer c, Visit visit, Place place) {
        String who = c.label() == null ? c.id() : c.id() + " (" + c.label() + ")";
        if (visit.visitNumber() == 1) {
            LOG.infof(
                    "new customer %s at %s, store %s: %s %s",
                    who, place.cameraId(), place.storeId(), orUnknown(c.ageBand()), orUnknown(c.gender()));
        } else {
            LOG.infof(
                    "returning customer %s at %s, store %s: visit %d, tier %s",
                    who, place.cameraId(), place.storeId(), visit.visitNumber(), c.tier());
        }
        if (c.tier() == Tier.VIP) {
            LOG.infof(
                    "VIP arrived: %s at %s, store %s (visit %d)",
                    who, place.cameraId(), place.storeId(), visit.visitNumber());
        }
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    /** Ends what the camera's and the store's clocks say is over. */
    public void endStale(String cameraId, long cameraNow, String storeId, long storeNow) {
        long absence = config.presence().absenceThreshold().toMillis();
        for (Sighting s : presence.staleSightings(cameraId, cameraNow - absence)) {
            endSighting(s);
        }
        for (Visit v : presence.staleVisits(storeId, storeNow - absence)) {
            for (Sighting s : presence.openSightingsOfVisit(v.id())) {
                endSighting(s);
            }
            LOG.debugf(
                    "visit %s of %s ended: last seen %d, store clock %d",
                    v.id(), v.customerId(), v.lastSeenAt(), storeNow);
            presence.endVisit(v.id(), v.lastSeenAt());
            logs.add(v.customerId(), v.lastSeenAt(), CustomerLog.VISIT_ENDED, null, v.storeId());
            customers.find(v.customerId()).ifPresent(c -> events.visitEnded(c, v, v.lastSeenAt()));
        }
    }

    private void endSighting(Sighting s) {
        presence.endSighting(s.id(), s.lastSeenAt());
        logs.add(s.customerId(), s.lastSeenAt(), CustomerLog.LEFT_FRAME, s.cameraId(), s.storeId());
        Visit visit = presence.findVisit(s.visitId()).orElseThrow();
        customers.find(s.customerId()).ifPresent(c -> events.sightingEnded(c, visit, s, s.lastSeenAt()));
    }
}
