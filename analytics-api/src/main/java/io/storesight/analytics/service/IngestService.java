package io.storesight.analytics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Attribution;
import io.storesight.analytics.Attribution.Candidate;
import io.storesight.analytics.Attrs;
import io.storesight.analytics.Cube.Kind;
import io.storesight.analytics.OrderLine;
import io.storesight.analytics.OrderRow;
import io.storesight.analytics.Unknown;
import io.storesight.analytics.VisitRow;
import io.storesight.analytics.config.AnalyticsConfig;
import io.storesight.analytics.persistence.CubeRepository;
import io.storesight.analytics.persistence.CustomerFacts;
import io.storesight.analytics.persistence.OccupancySamples;
import io.storesight.analytics.persistence.OrderFacts;
import io.storesight.analytics.persistence.SightingFacts;
import io.storesight.analytics.persistence.VisitFacts;
import io.storesight.common.config.StoreConfig;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.InvalidEventException;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.VisitEvent;

/**
 * Applies events to the read model and keeps the cubes in step. Every change of a fact's dimensions (a late
 * sighting re-attributing an order, an erasure, a cancellation) removes its old contribution and adds the new one,
 * so the cubes always equal what summing the fact rows would give, leaving out the visits of the customers who are
 * staff now. Callers hold the transaction.
 */
@ApplicationScoped
public class IngestService {
    private final CustomerFacts customerFacts;
    private final VisitFacts visitFacts;
    private final SightingFacts sightingFacts;
    private final OrderFacts orderFacts;
    private final CubeRepository cubes;
    private final OccupancySamples occupancy;
    private final AnalyticsConfig config;
    /** The store's zone: "which hour, which weekday, which day" means local time. */
    private final ZoneId zone;
    /** Camera → [from, to] of order times whose attribution the sightings of the current batch may change. */
    private final Map<String, long[]> pending = new HashMap<>();

    public IngestService(
            CustomerFacts customers,
            VisitFacts visits,
            SightingFacts sightings,
            OrderFacts orders,
            CubeRepository cubes,
            OccupancySamples occupancy,
            AnalyticsConfig config,
            StoreConfig store) {
        this.customerFacts = customers;
        this.visitFacts = visits;
        this.sightingFacts = sightings;
        this.orderFacts = orders;
        this.cubes = cubes;
        this.occupancy = occupancy;
        this.config = config;
        this.zone = store.timeZone();
    }

    // --- visits topic

    public synchronized void apply(VisitEvent event) {
        if (event.identified() && customerFacts.isErased(event.customerId())) {
            return;
        }
        switch (event.type()) {
            case VISIT_STARTED, VISIT_ENDED -> visit(event);
            case SIGHTING_STARTED, SIGHTING_ENDED -> sighting(event);
            case ANONYMOUS_VISIT -> anonymousVisit(event);
            case OCCUPANCY ->
                occupancy.record(
                        event.storeId(),
                        event.timestamp().toEpochMilli(),
                        event.inside(),
                        event.customers(),
                        event.visitors());
        }
    }

    /** A pass nobody recognised: footfall (with the demographics seen) that belongs to no customer. */
    private void anonymousVisit(VisitEvent event) {
        if (visitFacts.find(event.visitId()).isPresent()) {
            return;
        }
        Long dwellMs = dwellMs(event);
        VisitRow visit = new VisitRow(
                event.visitId(),
                null,
                event.storeId(),
                event.startedAt().toEpochMilli(),
                event.endedAt() == null ? null : event.endedAt().toEpochMilli(),
                dwellMs,
                false,
                0,
                Unknown.TIER,
                Unknown.or(event.ageBand(), Unknown.AGE_BAND),
                Unknown.or(event.gender(), Unknown.GENDER));
        insertVisit(visit);
        cubes.add(Kind.VISITS, attrs(visit), 1, 0, dwellMs == null ? 0 : dwellMs, dwellMs == null ? 0 : 1, 1);
    }

    private void insertVisit(VisitRow visit) {
        ZonedDateTime local = Instant.ofEpochMilli(visit.startedMs()).atZone(zone);
        visitFacts.insert(
                visit,
                local.toLocalDate().toString(),
                local.getYear(),
                local.getMonthValue(),
                local.getDayOfWeek().getValue(),
                local.getHour());
    }

    private void visit(VisitEvent event) {
        Long endedMs = event.endedAt() == null ? null : event.endedAt().toEpochMilli();
        Long dwellMs = dwellMs(event);
        Optional<VisitRow> existing = visitFacts.find(event.visitId());
        if (existing.isEmpty()) {
            VisitRow visit = new VisitRow(
                    event.visitId(),
                    event.customerId(),
                    event.storeId(),
                    event.startedAt().toEpochMilli(),
                    endedMs,
                    dwellMs,
                    event.newCustomer(),
                    event.visitNumber(),
                    Unknown.or(event.tier(), Unknown.TIER),
                    Unknown.or(event.ageBand(), Unknown.AGE_BAND),
                    Unknown.or(event.gender(), Unknown.GENDER));
            insertVisit(visit);
            if (!customerFacts.isStaff(visit.customerId())) {
                countVisit(visit, 1);
            }
            customerFacts.visited(
                    visit.customerId(), visit.tier(), event.vip(), visit.ageBand(), visit.gender(), visit.startedMs());
            return;
        }
        VisitRow visit = existing.get();
        if (dwellMs != null && !Objects.equals(dwellMs, visit.dwellMs())) {
            // A corrected end replaces the earlier dwell in the aggregates.
            long previous = visit.dwellMs() == null ? 0 : visit.dwellMs();
            if (!customerFacts.isStaff(visit.customerId())) {
                cubes.add(Kind.VISITS, attrs(visit), 0, 0, dwellMs - previous, visit.dwellMs() == null ? 1 : 0, 0);
            }
            visitFacts.end(visit.visitId(), endedMs, dwellMs);
        }
    }

    private static Long dwellMs(VisitEvent event) {
        if (event.type() != VisitEvent.Type.VISIT_ENDED && event.endedAt() == null) {
            return null;
        }
        if (event.dwellSeconds() != null) {
            return Math.round(event.dwellSeconds() * 1000);
        }
        if (event.endedAt() != null) {
            return Math.max(
                    0, event.endedAt().toEpochMilli() - event.startedAt().toEpochMilli());
        }
        return null;
    }

    private void sighting(VisitEvent event) {
        if (event.cameraId() == null || event.cameraId().isBlank()) {
            throw new InvalidEventException(event.type() + " " + event.eventId() + " has no cameraId");
        }
        String key = event.sightingId() != null
                ? event.sightingId()
                : event.customerId() + "@" + event.cameraId() + "@"
                        + event.startedAt().toEpochMilli();
        Long endedMs = event.endedAt() == null ? null : event.endedAt().toEpochMilli();
        Optional<Candidate> existing = sightingFacts.find(key);
        Candidate sighting;
        // The span whose orders may change hands: an open sighting could have claimed orders up to maxSighting later.
        long claimedUntil;
        if (existing.isEmpty()) {
            sighting = new Candidate(
                    key,
                    event.customerId(),
                    event.startedAt().toEpochMilli(),
                    endedMs,
                    Unknown.or(event.tier(), Unknown.TIER),
                    Unknown.or(event.ageBand(), Unknown.AGE_BAND),
                    Unknown.or(event.gender(), Unknown.GENDER));
            sightingFacts.insert(sighting, event.storeId(), event.cameraId());
            claimedUntil = endedMs != null
                    ? endedMs
                    : sighting.startedMs() + config.maxSighting().toMillis();
        } else if (endedMs != null && !endedMs.equals(existing.get().endedMs())) {
            sighting = existing.get();
            sightingFacts.end(key, endedMs);
            Long previousEnd = sighting.endedMs();
            claimedUntil = Math.max(
                    endedMs,
                    previousEnd != null
                            ? previousEnd
                            : sighting.startedMs() + config.maxSighting().toMillis());
        } else {
            return;
        }
        // Orders that arrived before this sighting, or that its (now known) end releases, are decided again once the
        // batch's sightings are all in (a start and its end often arrive together).
        long window = config.attributionWindow().toMillis();
        pending.merge(event.cameraId(), new long[] {sighting.startedMs() - window, claimedUntil + window}, (a, b) ->
                new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    /**
     * Ends a batch inside its transaction: re-decides the orders near the batch's sightings, then writes the batch's
     * aggregate changes. Every transaction that applied events must call it before committing.
     */
    public synchronized void completeBatch() {
        reattributePending();
        cubes.flush();
    }

    /** Forgets what a rolled-back batch left pending. */
    public synchronized void abandonBatch() {
        pending.clear();
        cubes.discard();
    }

    private void reattributePending() {
        Map<String, long[]> ranges = new LinkedHashMap<>(pending);
        pending.clear();
        ranges.forEach((camera, range) -> reattribute(camera, range[0], range[1], false));
    }

    /**
     * Decides again the orders at a camera with order times in [fromMs, toMs]. With customerChangesOnly an order
     * moves only if another customer wins; otherwise also if another sighting of the same customer does.
     */
    private void reattribute(String camera, long fromMs, long toMs, boolean customerChangesOnly) {
        long window = config.attributionWindow().toMillis();
        long maxOpen = config.maxSighting().toMillis();
        List<OrderRow> orders = orderFacts.at(camera, fromMs, toMs);
        if (orders.isEmpty()) {
            return;
        }
        List<Candidate> sightings = sightingFacts.at(camera, fromMs - window - maxOpen, toMs + window, fromMs - window);
        for (OrderRow order : orders) {
            Optional<Candidate> chosen = Attribution.choose(order.orderedMs(), sightings, window, maxOpen);
            OrderRow next = chosen.map(sighting -> attributed(order, sighting)).orElseGet(() -> unknown(order));
            boolean otherCustomer = !Objects.equals(next.customerId(), order.customerId());
            if (otherCustomer || !customerChangesOnly && !Objects.equals(next.sightingKey(), order.sightingKey())) {
                move(order, next);
            }
        }
    }

    // --- orders topic

    public synchronized void apply(OrderEvent event) {
        Optional<OrderRow> existing = orderFacts.find(event.orderId());
        boolean placed = event.type() == OrderEvent.Type.ORDER_PLACED;
        if (existing.isEmpty()) {
            // A cancellation that overtook its order is stored (and attributed) but never counted.
            OrderRow order = newOrder(event, placed ? OrderRow.PLACED : OrderRow.CANCELLED);
            List<OrderLine> lines = lines(event);
            ZonedDateTime local = Instant.ofEpochMilli(order.orderedMs()).atZone(zone);
            orderFacts.insert(
                    order,
                    lines,
                    local.toLocalDate().toString(),
                    local.getYear(),
                    local.getMonthValue(),
                    local.getDayOfWeek().getValue(),
                    local.getHour());
            Optional<Candidate> chosen = choose(order);
            if (chosen.isPresent()) {
                order = attributed(order, chosen.get());
                orderFacts.setAttribution(
                        order.orderId(),
                        order.customerId(),
                        order.sightingKey(),
                        order.tier(),
                        order.ageBand(),
                        order.gender());
            }
            if (placed) {
                count(order, lines, 1);
            }
        } else if (!placed && OrderRow.PLACED.equals(existing.get().status())) {
            count(existing.get(), orderFacts.linesOf(event.orderId()), -1);
            orderFacts.setStatus(event.orderId(), OrderRow.CANCELLED);
        }
        // Otherwise a replay of the order under a new event id, or a cancellation seen before: nothing changes.
    }

    private OrderRow newOrder(OrderEvent event, String status) {
        return new OrderRow(
                event.orderId(),
                event.orderNumber(),
                event.storeId(),
                event.counterId(),
                event.counterCameraId(),
                event.orderedAt().toEpochMilli(),
                cents(event.total()),
                event.currency(),
                status,
                null,
                null,
                Unknown.TIER,
                Unknown.AGE_BAND,
                Unknown.GENDER);
    }

    private static List<OrderLine> lines(OrderEvent event) {
        List<OrderLine> lines = new ArrayList<>();
        if (event.items() == null) {
            return lines;
        }
        for (OrderEvent.Item item : event.items()) {
            if (item == null || item.menuItemId() == null || item.quantity() <= 0 || item.unitPrice() == null) {
                throw new InvalidEventException(
                        "order " + event.orderId() + " has an item without id, quantity or " + "unit price");
            }
            lines.add(new OrderLine(
                    item.menuItemId(),
                    Unknown.or(item.name(), item.menuItemId()),
                    Unknown.or(item.category(), Unknown.CATEGORY),
                    item.quantity(),
                    cents(item.unitPrice())));
        }
        return lines;
    }

    private static long cents(BigDecimal amount) {
        try {
            return amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidEventException("amount " + amount + " has more than two decimals");
        }
    }

    private Optional<Candidate> choose(OrderRow order) {
        if (order.counterCameraId() == null) {
            return Optional.empty();
        }
        long window = config.attributionWindow().toMillis();
        long maxOpen = config.maxSighting().toMillis();
        List<Candidate> candidates = sightingFacts.at(
                order.counterCameraId(),
                order.orderedMs() - window - maxOpen,
                order.orderedMs() + window,
                order.orderedMs() - window);
        return Attribution.choose(order.orderedMs(), candidates, window, maxOpen);
    }

    private static OrderRow attributed(OrderRow order, Candidate sighting) {
        return order.attributedTo(
                sighting.customerId(), sighting.sightingKey(), sighting.tier(), sighting.ageBand(), sighting.gender());
    }

    private static OrderRow unknown(OrderRow order) {
        return order.attributedTo(null, null, Unknown.TIER, Unknown.AGE_BAND, Unknown.GENDER);
    }

    private void move(OrderRow from, OrderRow to) {
        List<OrderLine> lines = orderFacts.linesOf(from.orderId());
        boolean counted = OrderRow.PLACED.equals(from.status());
        if (counted) {
            count(from, lines, -1);
        }
        orderFacts.setAttribution(
                to.orderId(), to.customerId(), to.sightingKey(), to.tier(), to.ageBand(), to.gender());
        if (counted) {
            count(to, lines, 1);
        }
    }

    /** Adds (sign 1) or removes (sign -1) an order's contribution to the cubes and its customer's spend. */
    private void count(OrderRow order, List<OrderLine> lines, int sign) {
        Attrs base = Attrs.at(order.orderedMs(), zone, order.storeId(), order.ageBand(), order.gender(), order.tier());
        cubes.add(Kind.ORDERS, base, sign, sign * order.totalCents());
        Map<String, long[]> byItem = new LinkedHashMap<>();
        Map<String, OrderLine> itemInfo = new LinkedHashMap<>();
        Map<String, long[]> byCategory = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            long[] item = byItem.computeIfAbsent(line.itemId(), id -> new long[2]);
            item[0] += line.quantity();
            item[1] += line.revenueCents();
            itemInfo.putIfAbsent(line.itemId(), line);
            long[] category = byCategory.computeIfAbsent(line.category(), id -> new long[2]);
            category[0] += line.quantity();
            category[1] += line.revenueCents();
        }
        byItem.forEach((id, sums) -> {
            OrderLine info = itemInfo.get(id);
            cubes.add(
                    Kind.ITEMS, base.withItem(id, info.name(), info.category()), sign, sign * sums[0], sign * sums[1]);
        });
        byCategory.forEach((category, sums) ->
                cubes.add(Kind.CATEGORIES, base.withCategory(category), sign, sign * sums[0], sign * sums[1]));
        if (order.customerId() != null) {
            customerFacts.addSpend(order.customerId(), sign, sign * order.totalCents());
        }
    }

    // --- customer-events topic

    public synchronized void apply(CustomerEvent event) {
        switch (event.type()) {
            case CUSTOMER_ERASED -> erase(event.customerId(), event.timestamp());
            case CUSTOMERS_MERGED -> merge(event);
            case CUSTOMER_SPLIT -> split(event);
            case CUSTOMER_UPDATED -> {
                customerFacts.update(
                        event.customerId(), event.tier(), event.vip(), event.label(), event.ageBand(), event.gender());
                if (event.staff() != null && !customerFacts.isErased(event.customerId())) {
                    setStaff(event.customerId(), event.staff(), millis(event.timestamp()));
                }
            }
        }
    }

    private static long millis(Instant at) {
        return at == null ? System.currentTimeMillis() : at.toEpochMilli();
    }

    /**
     * Staff are not customers: marking one takes their visits (history included) out of the visit cubes and their
     * sightings out of attribution, so the orders they had go to the next candidate or to unknown; unmarking puts
     * both back. Unique visitors and the leaderboards leave staff out as they read.
     */
    private void setStaff(String customerId, boolean staff, long atMs) {
        if (countAsStaff(customerId, staff, atMs)) {
            reattributeAround(sightingFacts.spansOf(customerId));
        }
    }

    /** Marks or unmarks a customer as staff and moves their visits out of or into the cubes; whether it changed. */
    private boolean countAsStaff(String customerId, boolean staff, long atMs) {
        if (staff == customerFacts.isStaff(customerId)) {
            return false;
        }
        if (staff) {
            customerFacts.markStaff(customerId, atMs);
        } else {
            customerFacts.unmarkStaff(customerId);
        }
        for (VisitRow visit : visitFacts.of(customerId)) {
            countVisit(visit, staff ? -1 : 1);
        }
        return true;
    }

    /** Adds (sign 1) or removes (sign -1) a customer's visit's contribution to the visit cubes. */
    private void countVisit(VisitRow visit, int sign) {
        long dwell = visit.dwellMs() == null ? 0 : visit.dwellMs();
        long ended = visit.dwellMs() == null ? 0 : 1;
        long isNew = visit.newCustomer() ? 1 : 0;
        cubes.add(Kind.VISITS, attrs(visit), sign, sign * isNew, sign * dwell, sign * ended, 0);
    }

    /**
     * Erasure: the customer's sightings and counters go; their orders stay as revenue of "unknown" and their visits
     * stay as anonymous footfall (no customer, no demographics, no longer a new customer's visit), except a staff
     * member's, which never were footfall and go too.
     */
    private void erase(String customerId, Instant at) {
        customerFacts.markErased(customerId, millis(at));
        sightingFacts.deleteOf(customerId);
        for (OrderRow order : orderFacts.of(customerId)) {
            move(order, unknown(order));
        }
        if (customerFacts.isStaff(customerId)) {
            customerFacts.unmarkStaff(customerId);
            visitFacts.deleteOf(customerId);
        }
        for (VisitRow visit : visitFacts.of(customerId)) {
            long dwell = visit.dwellMs() == null ? 0 : visit.dwellMs();
            long ended = visit.dwellMs() == null ? 0 : 1;
            countVisit(visit, -1);
            VisitRow anonymous = new VisitRow(
                    visit.visitId(),
                    null,
                    visit.storeId(),
                    visit.startedMs(),
                    visit.endedMs(),
                    visit.dwellMs(),
                    false,
                    visit.visitNumber(),
                    Unknown.TIER,
                    Unknown.AGE_BAND,
                    Unknown.GENDER);
            cubes.add(Kind.VISITS, attrs(anonymous), 1, 0, dwell, ended, 1);
            visitFacts.anonymise(visit.visitId(), Unknown.TIER, Unknown.AGE_BAND, Unknown.GENDER);
        }
        customerFacts.delete(customerId);
    }

    private void merge(CustomerEvent event) {
        String merged = event.mergedCustomerId();
        if (merged.isBlank()) {
            throw new InvalidEventException("CUSTOMERS_MERGED " + event.eventId() + " has no mergedCustomerId");
        }
        if (merged.equals(event.customerId()) || customerFacts.isErased(event.customerId())) {
            return;
        }
        String survivor = event.customerId();
        long at = millis(event.timestamp());
        boolean wasStaff = customerFacts.isStaff(merged) || customerFacts.isStaff(survivor);
        boolean staff = event.staff() != null ? event.staff() : wasStaff;
        // Rows move while both count in the cubes, so that the first-visit marks change counted visits only.
        countAsStaff(merged, false, at);
        countAsStaff(survivor, false, at);
        List<SightingFacts.Span> spans = sightingFacts.spansOf(merged);
        sightingFacts.repoint(merged, survivor);
        visitFacts.repoint(merged, survivor);
        orderFacts.repoint(merged, survivor);
        customerFacts.merge(merged, survivor);
        markFirstVisit(survivor);
        countAsStaff(survivor, staff, at);
        // A staff member among the two changes who may win any order near the survivor's sightings.
        reattributeAround(wasStaff || staff ? sightingFacts.spansOf(survivor) : spans);
    }

    /**
     * "Not this person": the listed visits and sightings, and the orders attributed to those sightings, become the
     * new customer's. Both customers' counters are counted again from their rows, each one's earliest visit is the
     * new-customer visit, and the orders near the moved sightings are decided again.
     */
    private void split(CustomerEvent event) {
        String source = event.splitFromCustomerId();
        String created = event.customerId();
        if (source.equals(created) || customerFacts.isErased(source) || customerFacts.isErased(created)) {
            return;
        }
        long at = millis(event.timestamp());
        boolean sourceStaff = customerFacts.isStaff(source);
        boolean createdStaff = Boolean.TRUE.equals(event.staff());
        countAsStaff(source, false, at);
        countAsStaff(created, false, at);
        List<SightingFacts.Span> spans = sightingFacts.spans(event.sightingIds());
        sightingFacts.move(event.sightingIds(), source, created);
        for (String visitId : event.visitIds()) {
            visitFacts
                    .find(visitId)
                    .filter(v -> source.equals(v.customerId()))
                    .ifPresent(v -> visitFacts.moveTo(visitId, created));
        }
        for (OrderRow order : orderFacts.ofSightings(event.sightingIds())) {
            if (source.equals(order.customerId())) {
                move(
                        order,
                        order.attributedTo(
                                created, order.sightingKey(), order.tier(), order.ageBand(), order.gender()));
            }
        }
        markFirstVisit(source);
        markFirstVisit(created);
        customerFacts.recount(source, null, null, null, null);
        customerFacts.recount(created, event.tier(), event.vip(), event.ageBand(), event.gender());
        countAsStaff(source, sourceStaff, at);
        countAsStaff(created, createdStaff, at);
        if (createdStaff) {
            spans = new ArrayList<>(spans);
            spans.addAll(sightingFacts.spansOf(source));
        }
        reattributeAround(spans);
    }

    /** Only a customer's earliest visit is their new-customer visit (after a merge or split moved visits). */
    private void markFirstVisit(String customerId) {
        List<VisitRow> visits = visitFacts.of(customerId).stream()
                .sorted(java.util.Comparator.comparingLong(VisitRow::startedMs).thenComparing(VisitRow::visitId))
                .toList();
        for (int i = 0; i < visits.size(); i++) {
            VisitRow visit = visits.get(i);
            boolean first = i == 0;
            if (visit.newCustomer() != first) {
                cubes.add(Kind.VISITS, attrs(visit), 0, first ? 1 : -1, 0, 0, 0);
            }
            visitFacts.setNumber(visit.visitId(), i + 1, first);
        }
    }

    /**
     * After a merge, split or staff change, the orders within reach of the given sightings are decided again: two
     * candidates may have become one customer, whose sightings now add up (nearest, then longest present), or a
     * staff member's sightings may have left or rejoined the candidates. An order moves only if another customer
     * now wins (or nobody), taking the tier and demographics of the winning sighting; an order that stays with its
     * customer keeps those it was attributed with.
     */
    private void reattributeAround(List<SightingFacts.Span> spans) {
        long window = config.attributionWindow().toMillis();
        long maxOpen = config.maxSighting().toMillis();
        Map<String, List<long[]>> byCamera = new LinkedHashMap<>();
        for (SightingFacts.Span span : spans) {
            long claimedUntil =
                    span.endedMs() != null ? Math.max(span.startedMs(), span.endedMs()) : span.startedMs() + maxOpen;
            byCamera.computeIfAbsent(span.cameraId(), c -> new ArrayList<>())
                    .add(new long[] {span.startedMs() - window, claimedUntil + window});
        }
        // One query per run of overlapping spans, not one span from the first sighting to the last.
        byCamera.forEach((camera, ranges) -> {
            ranges.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] run = null;
            for (long[] range : ranges) {
                if (run != null && range[0] <= run[1]) {
                    run[1] = Math.max(run[1], range[1]);
                    continue;
                }
                if (run != null) {
                    reattribute(camera, run[0], run[1], true);
                }
                run = range.clone();
            }
            if (run != null) {
                reattribute(camera, run[0], run[1], true);
            }
        });
    }

    private Attrs attrs(VisitRow visit) {
        return Attrs.at(visit.startedMs(), zone, visit.storeId(), visit.ageBand(), visit.gender(), visit.tier());
    }
}
