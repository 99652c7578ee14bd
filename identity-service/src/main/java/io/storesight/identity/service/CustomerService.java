package io.storesight.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.storesight.common.rest.ApiException;
import io.storesight.identity.Customer;
import io.storesight.identity.CustomerLog;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Template;
import io.storesight.identity.Tier;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.LogRepository;
import io.storesight.identity.persistence.PresenceRepository;
import io.storesight.identity.persistence.TemplateRepository;
import io.storesight.identity.service.Views.CustomerDetail;
import io.storesight.identity.service.Views.CustomerView;
import io.storesight.identity.service.Views.LogView;
import io.storesight.identity.service.Views.Page;
import io.storesight.identity.service.Views.SightingView;
import io.storesight.identity.service.Views.VisitView;

/** The customer registry for admins: list, detail, label/VIP, merge, erasure (also used by retention and opt-out). */
@ApplicationScoped
public class CustomerService {
    private static final Logger LOG = Logger.getLogger(CustomerService.class);
    private static final Map<String, String> SORTS = Map.of("lastSeen", "last_seen", "firstSeen", "first_seen",
            "visitCount", "visit_count", "age", "age", "id", "id");

    private final IdentityConfig config;
    private final Writer writer;
    private final GalleryService galleryService;
    private final CustomerRepository customers;
    private final TemplateRepository templates;
    private final PresenceRepository presence;
    private final LogRepository logs;
    private final Outbox outbox;

    public CustomerService(IdentityConfig config, Writer writer, GalleryService galleryService,
            CustomerRepository customers, TemplateRepository templates, PresenceRepository presence,
            LogRepository logs, Outbox outbox) {
        this.config = config;
        this.writer = writer;
        this.galleryService = galleryService;
        this.customers = customers;
        this.templates = templates;
        this.presence = presence;
        this.logs = logs;
        this.outbox = outbox;
    }

    public Page<CustomerView> list(String tier, String ageBand, String gender, String lastSeenFrom,
            String lastSeenTo, String sort, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ApiException.badRequest("page must be ≥ 0 and size between 1 and 500");
        }
        if (tier != null && List.of(Tier.values()).stream().noneMatch(t -> t.name().equals(tier))) {
            throw ApiException.badRequest("unknown tier '" + tier + "' (NEW, REGULAR, LOYAL, VIP)");
        }
        if (gender != null && !gender.equals("MALE") && !gender.equals("FEMALE")) {
            throw ApiException.badRequest("unknown gender '" + gender + "' (MALE, FEMALE)");
        }
        String sortKey = sort == null ? "-lastSeen" : sort;
        boolean descending = sortKey.startsWith("-");
        String column = SORTS.get(descending ? sortKey.substring(1) : sortKey);
        if (column == null) {
            throw ApiException.badRequest("unknown sort '" + sort + "' (lastSeen, firstSeen, visitCount, age, id; "
                    + "prefix - for descending)");
        }
        CustomerRepository.Query query = new CustomerRepository.Query(tier, ageBand, gender,
                instant("lastSeenFrom", lastSeenFrom), instant("lastSeenTo", lastSeenTo), column, descending, page,
                size);
        return new Page<>(customers.list(query).stream().map(CustomerView::of).toList(), page, size,
                customers.count(query));
    }

    public CustomerDetail detail(String id) {
        Customer c = customers.find(id).orElseThrow(() -> notFound(id));
        return new CustomerDetail(CustomerView.of(c), templates.ofCustomer(id).size(),
                presence.visitsOfCustomer(id).stream().map(VisitView::of).toList(),
                presence.sightingsOfCustomer(id, 50).stream().map(SightingView::of).toList(),
                logs.ofCustomer(id, 200).stream().map(LogView::of).toList());
    }

    /** Label and VIP flag; null leaves a field unchanged, an empty label clears it. */
    public CustomerView update(String id, String label, Boolean vip) {
        if (label != null && label.length() > 200) {
            throw ApiException.badRequest("label is longer than 200 characters");
        }
        return writer.write(afterCommit -> {
            Customer c = customers.find(id).orElseThrow(() -> notFound(id));
            String newLabel = label == null ? c.label() : label.isBlank() ? null : label.strip();
            boolean newVip = vip == null ? c.vip() : vip;
            Customer updated = c.withProfile(newLabel, newVip, Tier.of(c.visitCount(), newVip, config.tiers()))
                    .nextVersion();
            customers.update(updated);
            outbox.customerUpdated(updated);
            return CustomerView.of(updated);
        });
    }

    /** Folds {@code otherId} into {@code id}: templates, visits, sightings, logs and counts; the other id is gone. */
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
            List<Template> kept = pruneTemplates(id);

            int visits = target.visitCount() + other.visitCount();
            boolean vip = target.vip() || other.vip();
            Customer later = target.lastSeen() >= other.lastSeen() ? target : other;
            double ageWeight = target.ageWeight() + other.ageWeight();
            double age = ageWeight == 0 ? 0
                    : ((target.age() == null ? 0 : target.age() * target.ageWeight())
                            + (other.age() == null ? 0 : other.age() * other.ageWeight())) / ageWeight;
            Customer merged = new Customer(id, visits, Math.min(target.firstSeen(), other.firstSeen()),
                    later.lastSeen(), later.lastLocation(), null, null, 0, null, null, 0, 0,
                    Tier.of(visits, vip, config.tiers()), target.label() != null ? target.label() : other.label(), vip,
                    Math.max(target.version(), other.version()) + 1, Math.min(target.createdAt(), other.createdAt()));
            if (ageWeight > 0) {
                merged = merged.withDemographics(age, ageWeight, target.maleWeight() + other.maleWeight(),
                        target.femaleWeight() + other.femaleWeight());
            }
            customers.delete(otherId);
            customers.update(merged);
            logs.add(id, System.currentTimeMillis(), CustomerLog.MERGED + " " + otherId, null, null);
            outbox.customersMerged(merged, otherId);
            afterCommit.add(() -> {
                galleryService.gallery().removeCustomer(otherId);
                galleryService.gallery().removeCustomer(id);
                kept.forEach(t -> galleryService.gallery().add(id, t.id(), t.descriptor()));
            });
            LOG.infof("merged customer %s into %s (%d visits)", otherId, id, visits);
            return CustomerView.of(merged);
        });
    }

    /** Erasure: the customer and everything about them, then CUSTOMER_ERASED so every copy downstream goes too. */
    public boolean erase(String id, String reason) {
        return writer.write(afterCommit -> {
            outbox.dropPendingVisitEvents(id);
            if (!customers.delete(id)) {
                return false;
            }
            outbox.customerErased(id, reason);
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

    private List<Template> pruneTemplates(String customerId) {
        List<Template> kept = new ArrayList<>();
        for (Template t : templates.ofCustomer(customerId).stream()
                .sorted(Comparator.comparingDouble(Template::quality).reversed()).toList()) {
            boolean diverse = kept.stream().allMatch(k -> Descriptors.distance(k.descriptor(),
                    t.descriptor()) >= config.templates().minDiversity());
            if (kept.size() < config.templates().maxPerCustomer() && (kept.isEmpty() || diverse)) {
                kept.add(t);
            } else {
                templates.delete(t.id());
            }
        }
        return kept;
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
