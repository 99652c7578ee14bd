package io.storesight.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.storesight.common.persistence.Writer;
import io.storesight.common.rest.ApiException;
import io.storesight.identity.Customer;
import io.storesight.identity.CustomerLog;
import io.storesight.identity.Demographics;
import io.storesight.identity.Sighting;
import io.storesight.identity.Template;
import io.storesight.identity.TemplatePolicy;
import io.storesight.identity.Tier;
import io.storesight.identity.Visit;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.LogRepository;
import io.storesight.identity.persistence.PresenceRepository;
import io.storesight.identity.persistence.TemplateRepository;
import io.storesight.identity.persistence.TrackRepository;
import io.storesight.identity.service.Views.CustomerDetail;
import io.storesight.identity.service.Views.CustomerView;
import io.storesight.identity.service.Views.LogView;
import io.storesight.identity.service.Views.Page;
import io.storesight.identity.service.Views.SightingView;
import io.storesight.identity.service.Views.SplitView;
import io.storesight.identity.service.Views.VisitView;

/** The customer registry for admins: list, detail, label/VIP, merge, erasure (also used by retention and opt-out). */
@ApplicationScoped
public class CustomerService {
    private static final Logger LOG = Logger.getLogger(CustomerService.class);
    /** The customer list's query, as the API takes it (strings, validated by {@link #list}). */
    public record ListRequest(
            String search,
            String tier,
            String ageBand,
            String gender,
            String vip,
            String staff,
            String lastSeenFrom,
            String lastSeenTo,
            String sort,
            int page,
            int size) {}

    private static final Map<String, String> SORTS = Map.of(
            "lastSeen", "last_seen", "firstSeen", "first_seen", "visitCount", "visit_count", "age", "age", "id", "id");

    private final IdentityConfig config;
    private final Writer writer;
    private final GalleryService galleryService;
    private final CustomerRepository customers;
    private final TemplateRepository templates;
    private final PresenceRepository presence;
    private final LogRepository logs;
    private final TrackRepository tracks;
    private final TemplatePolicy templatePolicy;
    private final IdentityEvents events;
    private final AlertService alerts;

    public CustomerService(
            IdentityConfig config,
            Writer writer,
            GalleryService galleryService,
            CustomerRepository customers,
            TemplateRepository templates,
            PresenceRepository presence,
            LogRepository logs,
            TrackRepository tracks,
            TemplatePolicy templatePolicy,
            IdentityEvents events,
            AlertService alerts) {
        this.config = config;
        this.writer = writer;
        this.galleryService = galleryService;
        this.customers = customers;
        this.templates = templates;
        this.presence = presence;
        this.logs = logs;
        this.tracks = tracks;
        this.templatePolicy = templatePolicy;
        this.events = events;
        this.alerts = alerts;
    }

    /** A page of customers; every filter is optional and validated (a bad value is a 400 naming it). */
    public Page<CustomerView> list(ListRequest request) {
        int page = request.page();
        int size = request.size();
        if (page < 0 || size < 1 || size > 500) {
            throw ApiException.badRequest("page must be ≥ 0 and size between 1 and 500");
        }
        String tier = request.tier();
        if (tier != null
                && List.of(Tier.values()).stream().noneMatch(t -> t.name().equals(tier))) {
            throw ApiException.badRequest("unknown tier '" + tier + "' (NEW, REGULAR, LOYAL, VIP)");
        }
        String gender = request.gender();
        if (gender != null && !gender.equals("MALE") && !gender.equals("FEMALE")) {
            throw ApiException.badRequest("unknown gender '" + gender + "' (MALE, FEMALE)");
        }
        String search = request.search() == null || request.search().isBlank()
                ? null
                : request.search().strip();
        if (search != null && search.length() > 200) {
            throw ApiException.badRequest("q is longer than 200 characters");
        }
        String sort = request.sort();
        String sortKey = sort == null ? "-lastSeen" : sort;
        boolean descending = sortKey.startsWith("-");
        String column = SORTS.get(descending ? sortKey.substring(1) : sortKey);
        if (column == null) {
            throw ApiException.badRequest("unknown sort '" + sort + "' (lastSeen, firstSeen, visitCount, age, id; "
                    + "prefix - for descending)");
        }
        CustomerRepository.Query query = new CustomerRepository.Query(
                search,
                tier,
                request.ageBand(),
                gender,
                flag("vip", request.vip()),
                flag("staff", request.staff()),
                instant("lastSeenFrom", request.lastSeenFrom()),
                instant("lastSeenTo", request.lastSeenTo()),
                column,
                descending,
                page,
                size);
        return new Page<>(
                customers.list(query).stream()
                        .map(c -> CustomerView.of(c, customers.watched(c.id())))
                        .toList(),
                page,
                size,
                customers.count(query));
    }

    public CustomerDetail detail(String id) {
        Customer c = customers.find(id).orElseThrow(() -> notFound(id));
        return new CustomerDetail(
                CustomerView.of(c, customers.watched(id)),
                templates.ofCustomer(id).size(),
                presence.visitsOfCustomer(id).stream().map(VisitView::of).toList(),
                presence.sightingsOfCustomer(id, 50).stream()
                        .map(SightingView::of)
                        .toList(),
                presence.sightingsByCamera(id).stream()
                        .map(Views.CameraSightingsView::of)
                        .toList(),
                logs.ofCustomer(id, 200).stream().map(LogView::of).toList());
    }

    /**
     * Label, VIP, staff and watch-list flags; null leaves a field unchanged, an empty label clears it. The
     * CUSTOMER_UPDATED it publishes carries the staff flag, from which analytics leaves a staff member out of every
     * report.
     */
    public CustomerView update(String id, String label, Boolean vip, Boolean staff, Boolean watched) {
        if (label != null && label.length() > 200) {
            throw ApiException.badRequest("label is longer than 200 characters");
        }
        return writer.write(afterCommit -> {
            Customer c = customers.find(id).orElseThrow(() -> notFound(id));
            String newLabel = label == null ? c.label() : label.isBlank() ? null : label.strip();
            boolean newVip = vip == null ? c.vip() : vip;
            boolean newStaff = staff == null ? c.staff() : staff;
            Customer updated = c.withProfile(
                            newLabel, newVip, newStaff, Tier.of(c.visitCount(), newVip, config.tiers()))
                    .nextVersion();
            if (newStaff != c.staff()) {
                logs.add(
                        id,
                        System.currentTimeMillis(),
                        newStaff ? CustomerLog.STAFF_MARKED : CustomerLog.STAFF_UNMARKED,
                        null,
                        null);
            }
            customers.update(updated);
            if (watched != null) {
                customers.setWatched(id, watched);
            }
            events.customerUpdated(updated);
            return CustomerView.of(updated, customers.watched(id));
        });
    }

    /**
     * Folds {@code otherId} into {@code id}: templates, visits, sightings, logs and counts; the other id is gone. The
     * result is staff if either was: two records of one person, one of them known to be staff, are staff.
     */
    public CustomerView merge(String id, String otherId) {
        if (otherId == null || otherId.isBlank()) {
            throw ApiException.badRequest("otherCustomerId is required");
        }
        if (id.equals(otherId)) {
            throw ApiException.badRequest("cannot merge a customer into itself");
        }
        return writer.write(afterCommit -> {
            Customer target = customers.find(id).orElseThrow(() -> notFound(id));
            Customer other = customers.find(otherId).orElseThrow(() -> notFound(otherId));
            templates.reassign(otherId, id);
            presence.reassign(otherId, id);
            logs.reassign(otherId, id);
            tracks.reassign(otherId, id);
            List<Template> all = templates.ofCustomer(id);
            List<Template> kept = templatePolicy.prune(all);
            all.stream().filter(t -> !kept.contains(t)).forEach(t -> templates.delete(t.id()));

            int visits = target.visitCount() + other.visitCount();
            boolean vip = target.vip() || other.vip();
            Customer later = target.lastSeen() >= other.lastSeen() ? target : other;
            Customer merged = new Customer(
                    id,
                    visits,
                    Math.min(target.firstSeen(), other.firstSeen()),
                    later.lastSeen(),
                    later.lastLocation(),
                    target.demographics().plus(other.demographics()),
                    Tier.of(visits, vip, config.tiers()),
                    target.label() != null ? target.label() : other.label(),
                    vip,
                    target.staff() || other.staff(),
                    Math.max(target.version(), other.version()) + 1,
                    Math.min(target.createdAt(), other.createdAt()));
            customers.delete(otherId);
            customers.update(merged);
            logs.add(id, System.currentTimeMillis(), CustomerLog.MERGED + " " + otherId, null, null);
            events.customersMerged(merged, otherId);
            afterCommit.add(() -> {
                galleryService.gallery().removeCustomer(otherId);
                galleryService.gallery().removeCustomer(id);
                kept.forEach(t -> galleryService.gallery().add(id, t.id(), t.descriptor()));
            });
            LOG.infof("merged customer %s into %s (%d visits)", otherId, id, visits);
            return CustomerView.of(merged, customers.watched(merged.id()));
        });
    }

    /**
     * "Not this person": the given visits (a sighting stands for its whole visit) become a new customer, with the
     * sightings, demographic evidence and templates that came from them. Both customers' visits are renumbered and
     * their tiers decided again; read models follow through CUSTOMER_SPLIT and CUSTOMER_UPDATED. The new customer is
     * not staff (the visits were someone else's, not the staff member's); the source keeps its flag.
     */
    public SplitView split(String id, List<String> visitIds, List<String> sightingIds) {
        List<String> visitList = visitIds == null ? List.of() : visitIds;
        List<String> sightingList = sightingIds == null ? List.of() : sightingIds;
        if (visitList.isEmpty() && sightingList.isEmpty()) {
            throw ApiException.badRequest(
                    "name the visits (visitIds) or sightings (sightingIds) that are someone else");
        }
        return writer.write(afterCommit -> {
            Customer source = customers.find(id).orElseThrow(() -> notFound(id));
            Set<String> moving = new LinkedHashSet<>();
            for (String visitId : visitList) {
                Visit v = presence.findVisit(visitId)
                        .filter(x -> x.customerId().equals(id))
                        .orElseThrow(() ->
                                ApiException.badRequest("visit " + visitId + " is not a visit of customer " + id));
                moving.add(v.id());
            }
            for (String sightingId : sightingList) {
                Sighting s = presence.findSighting(sightingId)
                        .filter(x -> x.customerId().equals(id))
                        .orElseThrow(() -> ApiException.badRequest(
                                "sighting " + sightingId + " is not a sighting of customer " + id));
                moving.add(s.visitId());
            }
            List<Visit> all = presence.visitsOfCustomer(id);
            if (moving.size() >= all.size()) {
                throw ApiException.badRequest("a split must leave customer " + id + " at least one visit; to remove "
                        + "the customer entirely, erase them");
            }
            List<Visit> moved =
                    all.stream().filter(v -> moving.contains(v.id())).toList();
            List<Visit> stays =
                    all.stream().filter(v -> !moving.contains(v.id())).toList();
            List<Sighting> movedSightings = new ArrayList<>();
            moved.forEach(v -> movedSightings.addAll(presence.sightingsOfVisit(v.id())));
            Set<String> movedSightingIds = new LinkedHashSet<>();
            movedSightings.forEach(sg -> movedSightingIds.add(sg.id()));

            long now = System.currentTimeMillis();
            Demographics evidence =
                    movedSightings.stream().map(Sighting::demographics).reduce(Demographics.NONE, Demographics::plus);
            Customer created =
                    Customer.created("c-" + UUID.randomUUID(), moved.get(0).startedAt(), null, now);
            customers.insert(created);
            for (Visit v : moved) {
                presence.moveVisit(v.id(), created.id());
            }
            List<Template> movedTemplates = templates.ofCustomer(id).stream()
                    .filter(t -> t.sightingId() != null && movedSightingIds.contains(t.sightingId()))
                    .toList();
            movedTemplates.forEach(t -> templates.moveTo(t.id(), created.id()));
            for (Sighting sg : movedSightings) {
                if (sg.endedAt() == null) {
                    tracks.reassignAt(id, sg.cameraId(), created.id());
                }
            }
            int createdVisits = presence.renumber(created.id());
            int sourceVisits = presence.renumber(id);
            Customer createdNow = afterSplit(created.withDemographics(evidence), moved, movedSightings, createdVisits)
                    .nextVersion();
            List<Sighting> staySightings = new ArrayList<>();
            stays.forEach(v -> staySightings.addAll(presence.sightingsOfVisit(v.id())));
            Customer sourceNow = afterSplit(
                            source.withDemographics(source.demographics().minus(evidence)),
                            stays,
                            staySightings,
                            sourceVisits)
                    .nextVersion();
            customers.update(createdNow);
            customers.update(sourceNow);
            logs.add(id, now, CustomerLog.SPLIT + " " + moved.size() + " visit(s) to " + createdNow.id(), null, null);
            logs.add(createdNow.id(), now, CustomerLog.SPLIT_FROM + " " + id, null, null);
            events.customerSplit(createdNow, id, moved.stream().map(Visit::id).toList(), List.copyOf(movedSightingIds));
            events.customerUpdated(sourceNow);
            afterCommit.add(() -> movedTemplates.forEach(t -> {
                galleryService.gallery().removeTemplate(t.id());
                galleryService.gallery().add(createdNow.id(), t.id(), t.descriptor());
            }));
            LOG.infof(
                    "split %d visit(s) of customer %s off into new customer %s (%d template(s) moved)",
                    moved.size(), id, createdNow.id(), movedTemplates.size());
            return new SplitView(
                    CustomerView.of(sourceNow, customers.watched(sourceNow.id())), CustomerView.of(createdNow, false));
        });
    }

    /** A customer's counts, tier and first/last seen, from the visits they hold after a split. */
    private Customer afterSplit(Customer c, List<Visit> visits, List<Sighting> sightings, int visitCount) {
        long first = visits.stream().mapToLong(Visit::startedAt).min().orElse(c.firstSeen());
        long last = visits.stream().mapToLong(Visit::lastSeenAt).max().orElse(c.lastSeen());
        String location = sightings.stream()
                .max(Comparator.comparingLong(Sighting::lastSeenAt))
                .map(Sighting::cameraId)
                .orElse(c.lastLocation());
        return c.withSeen(first, last, location).withVisits(visitCount, Tier.of(visitCount, c.vip(), config.tiers()));
    }

    /** Erasure: the customer and everything about them, then CUSTOMER_ERASED so every copy downstream goes too. */
    public boolean erase(String id, String reason) {
        return writer.write(afterCommit -> {
            events.forgetCustomer(id);
            alerts.forget(id);
            if (!customers.delete(id)) {
                return false;
            }
            events.customerErased(id, reason);
            afterCommit.add(() -> galleryService.gallery().removeCustomer(id));
            LOG.infof("erased customer %s (%s)", id, reason);
            return true;
        });
    }

    public void eraseOrThrow(String id) {
        if (!erase(id, "erased by admin")) {
            throw notFound(id);
        }
    }

    /** Retention: erases customers not seen within the retention period, one by one through the erasure path. */
    public int eraseNotSeenSince(Instant cutoff) {
        int erased = 0;
        for (String id : customers.idsNotSeenSince(cutoff.toEpochMilli())) {
            if (erase(id, "retention: not seen since " + cutoff)) {
                erased++;
            }
        }
        return erased;
    }

    private static Boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false");
        };
    }

    private static Long instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (RuntimeException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    static Long instantParam(String name, String value) {
        return instant(name, value);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no customer with id " + id);
    }
}
