package io.storesight.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.storesight.contracts.Event;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;

/**
 * A seeded store history: 90 days of visits by customers with known age band and gender, each visit through the
 * entrance camera, most to the counter camera where an order is placed during the sighting. Counter sightings of
 * different visits are at least minutes apart, so the right customer of each order is known without asking the
 * service; some orders are placed with nobody at the counter (unknown) and some are cancelled.
 */
final class Dataset {
    static final List<String> AGE_BANDS = List.of("10-19", "20-29", "30-39", "40-49", "50-59", "60+");
    static final List<String> GENDERS = List.of("FEMALE", "MALE");
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
    static final int DAYS = 90;

    record Customer(String id, String ageBand, String gender, int taste) {}

    record Visit(
            String visitId,
            Customer customer,
            int number,
            String tier,
            Instant start,
            Instant end,
            double dwellSeconds,
            String counterSighting,
            Instant counterStart,
            Instant counterEnd) {
        boolean isNew() {
            return number == 1;
        }

        long dwellMs() {
            return Math.round(dwellSeconds * 1000);
        }
    }

    record Order(OrderEvent placed, Visit visit, boolean cancelled) {
        Customer customer() {
            return visit == null ? null : visit.customer();
        }

        long totalCents() {
            return placed.total().movePointRight(2).longValueExact();
        }
    }

    /** A message to publish: topic, key, event. */
    record Message(String topic, String key, Event event) {}

    final TestData data;
    final List<Customer> customers = new ArrayList<>();
    final List<Visit> visits = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    private final Random random;

    Dataset(TestData data, long seed, int customerCount) {
        this.data = data;
        this.random = new Random(seed);
        for (int i = 0; i < customerCount; i++) {
            customers.add(new Customer(
                    String.format("c-%s-%04d", data.store, i),
                    AGE_BANDS.get(random.nextInt(AGE_BANDS.size())),
                    GENDERS.get(random.nextInt(2)),
                    random.nextInt(TestData.MENU.size())));
        }
        generate();
        plan();
    }

    static String tier(int visitNumber) {
        return visitNumber >= 10 ? "VIP" : visitNumber >= 5 ? "LOYAL" : visitNumber >= 2 ? "REGULAR" : "NEW";
    }

    private void generate() {
        Map<Customer, Integer> visitCounts = new HashMap<>();
        int orderSeq = 0;
        for (int day = 0; day < DAYS; day++) {
            LocalDate date = FIRST_DAY.plusDays(day);
            Instant opening = date.atTime(7, 0).toInstant(ZoneOffset.UTC);
            // 84 ten-minute slots between 07:00 and 21:00; each visit or lone order takes its own slot.
            List<Integer> slots = new ArrayList<>();
            for (int s = 0; s < 84; s++) {
                slots.add(s);
            }
            java.util.Collections.shuffle(slots, random);
            int visitsToday = 25 + random.nextInt(16);
            List<Customer> today = new ArrayList<>();
            for (int v = 0; v < visitsToday; v++) {
                // Skewed choice: low-numbered customers come far more often (the loyal ones).
                Customer customer =
                        customers.get((int) Math.floor(Math.pow(random.nextDouble(), 2.2) * customers.size()));
                if (today.contains(customer)) {
                    continue;
                }
                today.add(customer);
                int number = visitCounts.merge(customer, 1, Integer::sum);
                Instant start =
                        opening.plus(Duration.ofMinutes(10L * slots.get(v))).plusSeconds(random.nextInt(60));
                double dwell = 120 + random.nextInt(1800) + random.nextInt(1000) / 1000.0;
                Instant end = start.plusMillis(Math.round(dwell * 1000));
                boolean atCounter = random.nextDouble() < 0.75;
                String sighting = null;
                Instant counterStart = null;
                Instant counterEnd = null;
                if (atCounter) {
                    sighting = "s-" + data.store + "-" + day + "-" + v;
                    counterStart = start.plusSeconds(60 + random.nextInt(60));
                    counterEnd = counterStart.plusSeconds(40 + random.nextInt(120));
                }
                Visit visit = new Visit(
                        "v-" + data.store + "-" + day + "-" + v,
                        customer,
                        number,
                        tier(number),
                        start,
                        end,
                        dwell,
                        sighting,
                        counterStart,
                        counterEnd);
                visits.add(visit);
                if (atCounter) {
                    long span = counterEnd.toEpochMilli() - counterStart.toEpochMilli();
                    Instant at = counterStart.plusMillis(5000 + (long) (random.nextDouble() * (span - 10000)));
                    orders.add(new Order(
                            data.order("o-" + data.store + "-" + orderSeq++, at, items(customer)),
                            visit,
                            random.nextDouble() < 0.03));
                }
            }
            // A few orders with nobody at the counter (a free slot) or from a till without a camera.
            for (int lone = 0; lone < 2; lone++) {
                Instant at = opening.plus(Duration.ofMinutes(10L * slots.get(83 - lone)))
                        .plusSeconds(300);
                String camera = lone == 0 ? data.counterCamera : null;
                orders.add(new Order(
                        data.order(
                                "o-" + data.store + "-" + orderSeq++,
                                at,
                                camera,
                                items(customers.get(random.nextInt(customers.size())))),
                        null,
                        false));
            }
        }
    }

    /** Customers lean towards their "taste" item and its neighbours, so segments really differ. */
    private List<OrderEvent.Item> items(Customer customer) {
        int lines = 1 + random.nextInt(3);
        List<OrderEvent.Item> items = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            int index = random.nextDouble() < 0.6
                    ? (customer.taste() + random.nextInt(3)) % TestData.MENU.size()
                    : random.nextInt(TestData.MENU.size());
            String id = TestData.MENU.get(index).id();
            if (used.contains(id)) {
                continue;
            }
            used.add(id);
            items.add(data.line(id, 1 + random.nextInt(3)));
        }
        return items;
    }

    /**
     * The publishing order: 15% of orders before any visit event (their sightings arrive later), visits with some
     * VISIT_ENDED ahead of VISIT_STARTED, the rest of the orders, cancellations, then duplicates of 3% of all
     * messages (same event id) and replays of some orders under a new event id.
     */
    private void plan() {
        List<Message> early = new ArrayList<>();
        List<Message> late = new ArrayList<>();
        for (Order order : orders) {
            Message placed = new Message(Topics.ORDERS, order.placed().orderId(), order.placed());
            (random.nextDouble() < 0.15 ? early : late).add(placed);
        }
        messages.addAll(early);
        for (Visit visit : visits) {
            Customer c = visit.customer();
            VisitEvent started = data.visit(
                    VisitEvent.Type.VISIT_STARTED,
                    c.id(),
                    visit.visitId(),
                    null,
                    null,
                    visit.start(),
                    null,
                    c.ageBand(),
                    c.gender(),
                    visit.tier(),
                    visit.number(),
                    visit.isNew());
            VisitEvent ended = new VisitEvent(
                    java.util.UUID.randomUUID().toString(),
                    VisitEvent.Type.VISIT_ENDED,
                    VisitEvent.SCHEMA_VERSION,
                    visit.end(),
                    c.id(),
                    visit.visitId(),
                    null,
                    data.store,
                    null,
                    null,
                    visit.number(),
                    visit.isNew(),
                    visit.tier(),
                    "VIP".equals(visit.tier()),
                    c.ageBand(),
                    c.gender(),
                    visit.start(),
                    visit.end(),
                    visit.dwellSeconds());
            VisitEvent entranceStart = data.visit(
                    VisitEvent.Type.SIGHTING_STARTED,
                    c.id(),
                    visit.visitId(),
                    visit.visitId() + "-e",
                    TestData.ENTRANCE,
                    visit.start(),
                    null,
                    c.ageBand(),
                    c.gender(),
                    visit.tier(),
                    visit.number(),
                    visit.isNew());
            VisitEvent entranceEnd = data.visit(
                    VisitEvent.Type.SIGHTING_ENDED,
                    c.id(),
                    visit.visitId(),
                    visit.visitId() + "-e",
                    TestData.ENTRANCE,
                    visit.start(),
                    visit.start().plusSeconds(20),
                    c.ageBand(),
                    c.gender(),
                    visit.tier(),
                    visit.number(),
                    visit.isNew());
            boolean endedFirst = random.nextDouble() < 0.1;
            if (endedFirst) {
                messages.add(new Message(Topics.VISITS, c.id(), ended));
            }
            messages.add(new Message(Topics.VISITS, c.id(), started));
            messages.add(new Message(Topics.VISITS, c.id(), entranceStart));
            messages.add(new Message(Topics.VISITS, c.id(), entranceEnd));
            if (visit.counterSighting() != null) {
                messages.add(new Message(
                        Topics.VISITS,
                        c.id(),
                        data.visit(
                                VisitEvent.Type.SIGHTING_STARTED,
                                c.id(),
                                visit.visitId(),
                                visit.counterSighting(),
                                data.counterCamera,
                                visit.counterStart(),
                                null,
                                c.ageBand(),
                                c.gender(),
                                visit.tier(),
                                visit.number(),
                                visit.isNew())));
                messages.add(new Message(
                        Topics.VISITS,
                        c.id(),
                        data.visit(
                                VisitEvent.Type.SIGHTING_ENDED,
                                c.id(),
                                visit.visitId(),
                                visit.counterSighting(),
                                data.counterCamera,
                                visit.counterStart(),
                                visit.counterEnd(),
                                c.ageBand(),
                                c.gender(),
                                visit.tier(),
                                visit.number(),
                                visit.isNew())));
            }
            if (!endedFirst) {
                messages.add(new Message(Topics.VISITS, c.id(), ended));
            }
        }
        messages.addAll(late);
        for (Order order : orders) {
            if (order.cancelled()) {
                messages.add(new Message(Topics.ORDERS, order.placed().orderId(), data.cancelled(order.placed())));
            }
        }
        List<Message> duplicates = new ArrayList<>();
        for (Message message : messages) {
            if (random.nextDouble() < 0.03) {
                duplicates.add(message);
            }
        }
        for (Order order : orders) {
            if (random.nextDouble() < 0.01) {
                OrderEvent p = order.placed();
                duplicates.add(new Message(
                        Topics.ORDERS,
                        p.orderId(),
                        new OrderEvent(
                                java.util.UUID.randomUUID().toString(),
                                p.type(),
                                p.schemaVersion(),
                                p.timestamp(),
                                p.orderId(),
                                p.orderNumber(),
                                p.storeId(),
                                p.counterId(),
                                p.counterCameraId(),
                                p.orderedAt(),
                                p.items(),
                                p.total(),
                                p.currency())));
            }
        }
        messages.addAll(duplicates);
    }

    List<Order> counted() {
        return orders.stream().filter(o -> !o.cancelled()).toList();
    }

    static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
