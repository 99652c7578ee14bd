package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storesight.analytics.Dataset.Order;
import io.storesight.analytics.Dataset.Visit;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Slow;

/**
 * 90 days of a store driven through the real broker (out of order, with duplicates, replays and cancellations);
 * every report is compared exactly with figures computed here from the generated history, not from the service.
 */
@Slow
@QuarkusTest
class DatasetReportsTest {
    private static final String STORE = "s-data";
    private static Dataset dataset;

    /** Once per JVM, from the first test (RestAssured knows the random port only once tests run). */
    @BeforeEach
    void publish() {
        if (dataset != null) {
            return;
        }
        dataset = new Dataset(new TestData(STORE), 20261122L, 300);
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.producer()) {
            for (Dataset.Message message : dataset.messages) {
                producer.send(new ProducerRecord<>(message.topic(), message.key(), EventJson.toBytes(message.event())));
            }
            producer.flush();
        }
        long orders = dataset.counted().size();
        long visits = dataset.visits.size();
        long cancelled = dataset.orders.stream().filter(Order::cancelled).count();
        long attributed = dataset.orders.stream().filter(o -> o.visit() != null).count();
        long started = System.nanoTime();
        TestData.await(
                () -> {
                    JsonPath summary = TestData.admin()
                            .get("/api/v1/reports/summary?store=" + STORE)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return summary.getLong("visits") == visits && summary.getLong("orders") == orders;
                },
                java.time.Duration.ofMinutes(4));
        // Sightings still in flight may re-attribute orders after the totals are complete.
        TestData.await(
                () -> {
                    List<Map<String, Object>> rows = TestData.admin()
                            .get("/api/v1/reports/orders?store=" + STORE + "&limit=10000")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("orders");
                    return rows.stream()
                                            .filter(r -> "CANCELLED".equals(r.get("status")))
                                            .count()
                                    == cancelled
                            && rows.stream()
                                            .filter(r -> Boolean.TRUE.equals(r.get("attributed")))
                                            .count()
                                    == attributed;
                },
                java.time.Duration.ofMinutes(2));
        System.out.printf(
                "ingested %d messages in %.1f s%n", dataset.messages.size(), (System.nanoTime() - started) / 1e9);
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    @Test
    void theDatasetIsBigEnoughToMean() {
        assertThat(dataset.visits).hasSizeGreaterThan(2500);
        assertThat(dataset.orders).hasSizeGreaterThan(1800);
        assertThat(dataset.messages).hasSizeGreaterThan(15000);
    }

    @Test
    void everyOrderGoesToTheCustomerAtTheCounterWithTheirDemographics() {
        List<Map<String, Object>> rows = TestData.admin()
                .get("/api/v1/reports/orders?store=" + STORE + "&limit=10000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("orders");
        Map<String, Map<String, Object>> byId = new HashMap<>();
        rows.forEach(row -> byId.put((String) row.get("orderId"), row));
        assertThat(byId).hasSize(dataset.orders.size());
        for (Order order : dataset.orders) {
            Map<String, Object> row = byId.get(order.placed().orderId());
            assertThat(row.get("status")).isEqualTo(order.cancelled() ? "CANCELLED" : "PLACED");
            if (order.visit() == null) {
                assertThat(row.get("customerId")).as(order.placed().orderId()).isNull();
                assertThat(row.get("ageBand")).isEqualTo("unknown");
            } else {
                assertThat(row.get("customerId"))
                        .as(order.placed().orderId())
                        .isEqualTo(order.customer().id());
                assertThat(row.get("ageBand")).isEqualTo(order.customer().ageBand());
                assertThat(row.get("gender")).isEqualTo(order.customer().gender());
                assertThat(row.get("tier")).isEqualTo(order.visit().tier());
            }
        }
        Order sample = dataset.counted().stream()
                .filter(o -> o.visit() != null)
                .findFirst()
                .orElseThrow();
        assertThat(TestData.attribution(sample.placed().orderId()))
                .containsEntry("customerId", sample.customer().id());
    }

    private record Expected(
            long visits, long unique, long newVisits, long orders, long revenueCents, long dwellMs, long dwellCount) {}

    private Expected expected(Predicate<Visit> visitFilter, Predicate<Order> orderFilter) {
        List<Visit> visits = dataset.visits.stream().filter(visitFilter).toList();
        List<Order> orders = dataset.counted().stream().filter(orderFilter).toList();
        return new Expected(
                visits.size(),
                visits.stream().map(v -> v.customer().id()).distinct().count(),
                visits.stream().filter(Visit::isNew).count(),
                orders.size(),
                orders.stream().mapToLong(Order::totalCents).sum(),
                visits.stream().mapToLong(Visit::dwellMs).sum(),
                visits.size());
    }

    private static void assertSummary(String query, Expected expected) {
        JsonPath s = TestData.admin()
                .get("/api/v1/reports/summary?store=" + STORE + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(s.getLong("visits")).as("visits " + query).isEqualTo(expected.visits());
        assertThat(s.getLong("uniqueCustomers")).as("unique " + query).isEqualTo(expected.unique());
        assertThat(s.getLong("newVisits")).isEqualTo(expected.newVisits());
        assertThat(s.getLong("returningVisits")).isEqualTo(expected.visits() - expected.newVisits());
        assertThat(s.getLong("anonymousVisits")).isZero();
        assertThat(s.getLong("customerVisits")).isEqualTo(expected.visits());
        assertThat(s.getLong("orders")).as("orders " + query).isEqualTo(expected.orders());
        assertThat(new BigDecimal(s.getString("revenue")))
                .isEqualByComparingTo(BigDecimal.valueOf(expected.revenueCents(), 2));
        assertThat(s.getDouble("averageDwellSeconds"))
                .isCloseTo(
                        expected.dwellCount() == 0 ? 0 : expected.dwellMs() / 1000.0 / expected.dwellCount(),
                        org.assertj.core.data.Offset.offset(1e-3));
        double conversion = expected.visits() == 0 ? 0 : expected.orders() / (double) expected.visits();
        assertThat(s.getDouble("conversion")).isCloseTo(conversion, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void summaryTotalsAndFilteredSummaries() {
        assertSummary("", expected(v -> true, o -> true));
        assertSummary(
                "&gender=FEMALE&year=2026&month=2",
                expected(
                        v -> v.customer().gender().equals("FEMALE")
                                && utc(v.start()).getMonthValue() == 2,
                        o -> o.customer() != null
                                && o.customer().gender().equals("FEMALE")
                                && utc(o.placed().orderedAt()).getMonthValue() == 2));
        assertSummary(
                "&ageBand=20-29&weekday=6&hour=12",
                expected(
                        v -> v.customer().ageBand().equals("20-29")
                                && utc(v.start()).getDayOfWeek().getValue() == 6
                                && utc(v.start()).getHour() == 12,
                        o -> o.customer() != null
                                && o.customer().ageBand().equals("20-29")
                                && utc(o.placed().orderedAt()).getDayOfWeek().getValue() == 6
                                && utc(o.placed().orderedAt()).getHour() == 12));
        assertSummary(
                "&month=3&store=" + STORE,
                expected(
                        v -> utc(v.start()).getMonthValue() == 3,
                        o -> utc(o.placed().orderedAt()).getMonthValue() == 3));
        assertSummary(
                "&from=2026-02-10&to=2026-02-20&tier=VIP",
                expected(
                        v -> v.tier().equals("VIP") && inRange(v.start()),
                        o -> o.visit() != null
                                && o.visit().tier().equals("VIP")
                                && inRange(o.placed().orderedAt())));
    }

    private static boolean inRange(Instant at) {
        String day = utc(at).toLocalDate().toString();
        return day.compareTo("2026-02-10") >= 0 && day.compareTo("2026-02-20") <= 0;
    }

    @Test
    void itemAndCategoryFiltersNarrowTheSales() {
        for (String[] filter : List.of(new String[] {"item", "m-coffee"}, new String[] {"category", "food"})) {
            Predicate<OrderEvent.Item> matches = i -> filter[0].equals("item")
                    ? i.menuItemId().equals(filter[1])
                    : i.category().equals(filter[1]);
            List<Order> orders = dataset.counted().stream()
                    .filter(o -> o.placed().items().stream().anyMatch(matches))
                    .toList();
            long revenue = orders.stream()
                    .flatMap(o -> o.placed().items().stream())
                    .filter(matches)
                    .mapToLong(i -> Dataset.cents(i.unitPrice()) * i.quantity())
                    .sum();
            JsonPath s = TestData.admin()
                    .get("/api/v1/reports/summary?store=" + STORE + "&" + filter[0] + "=" + filter[1])
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(s.getLong("orders")).isEqualTo(orders.size());
            assertThat(new BigDecimal(s.getString("revenue"))).isEqualByComparingTo(BigDecimal.valueOf(revenue, 2));
            assertThat(s.getLong("visits")).isEqualTo(dataset.visits.size());
        }
    }

    @Test
    void footfallHeatmapAndDailySeries() {
        JsonPath f = TestData.admin()
                .get("/api/v1/reports/footfall?store=" + STORE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long[][] grid = new long[8][24];
        Map<String, long[]> days = new TreeMap<>();
        for (Visit v : dataset.visits) {
            grid[utc(v.start()).getDayOfWeek().getValue()][utc(v.start()).getHour()]++;
            days.computeIfAbsent(utc(v.start()).toLocalDate().toString(), d -> new long[3])[0]++;
        }
        for (Order o : dataset.counted()) {
            long[] day = days.computeIfAbsent(
                    utc(o.placed().orderedAt()).toLocalDate().toString(), d -> new long[3]);
            day[1]++;
            day[2] += o.totalCents();
        }
        List<Map<String, Object>> cells = f.getList("heatmap");
        assertThat(cells).hasSize(168);
        for (Map<String, Object> cell : cells) {
            int weekday = (Integer) cell.get("weekday");
            int hour = (Integer) cell.get("hour");
            assertThat(((Number) cell.get("visits")).longValue())
                    .as(weekday + "/" + hour)
                    .isEqualTo(grid[weekday][hour]);
        }
        List<Map<String, Object>> daily = f.getList("daily");
        assertThat(daily).hasSize(days.size());
        for (Map<String, Object> point : daily) {
            long[] expected = days.get((String) point.get("day"));
            assertThat(((Number) point.get("visits")).longValue()).isEqualTo(expected[0]);
            assertThat(((Number) point.get("orders")).longValue()).isEqualTo(expected[1]);
            assertThat(new BigDecimal(point.get("revenue").toString()))
                    .isEqualByComparingTo(BigDecimal.valueOf(expected[2], 2));
        }
    }

    @Test
    void demographicsOfVisitorsAndBuyers() {
        JsonPath d = TestData.admin()
                .get("/api/v1/reports/demographics?store=" + STORE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Long> visitors = new TreeMap<>();
        dataset.visits.forEach(
                v -> visitors.merge(v.customer().ageBand() + "/" + v.customer().gender(), 1L, Long::sum));
        Map<String, Long> buyers = new TreeMap<>();
        dataset.counted()
                .forEach(o -> buyers.merge(
                        o.customer() == null
                                ? "unknown/UNKNOWN"
                                : o.customer().ageBand() + "/" + o.customer().gender(),
                        1L,
                        Long::sum));
        Map<String, Long> actualVisitors = new TreeMap<>();
        d.getList("visitors", Map.class)
                .forEach(g -> actualVisitors.put(
                        g.get("ageBand") + "/" + g.get("gender"), ((Number) g.get("visits")).longValue()));
        Map<String, Long> actualBuyers = new TreeMap<>();
        d.getList("buyers", Map.class)
                .forEach(g -> actualBuyers.put(
                        g.get("ageBand") + "/" + g.get("gender"), ((Number) g.get("orders")).longValue()));
        assertThat(actualVisitors).isEqualTo(visitors);
        assertThat(actualBuyers).isEqualTo(buyers);
    }

    /** quantity, orders, revenue cents per item within a group. */
    private Map<String, Map<String, long[]>> itemsBy(java.util.function.Function<Order, String> group) {
        Map<String, Map<String, long[]>> result = new TreeMap<>();
        for (Order o : dataset.counted()) {
            Map<String, long[]> items = result.computeIfAbsent(group.apply(o), g -> new TreeMap<>());
            Set<String> seen = new HashSet<>();
            for (OrderEvent.Item item : o.placed().items()) {
                long[] sums = items.computeIfAbsent(item.menuItemId(), i -> new long[3]);
                sums[0] += item.quantity();
                if (seen.add(item.menuItemId())) {
                    sums[1]++;
                }
                sums[2] += Dataset.cents(item.unitPrice()) * item.quantity();
            }
        }
        return result;
    }

    @Test
    void topItemsPerSegment() {
        Map<String, Map<String, long[]>> expected = itemsBy(
                o -> (o.customer() == null
                                ? "unknown/UNKNOWN"
                                : o.customer().ageBand() + "/" + o.customer().gender()) + "/"
                        + HourBuckets.of(utc(o.placed().orderedAt()).getHour()));
        List<Map<String, Object>> segments = TestData.admin()
                .get("/api/v1/reports/top-items?store=" + STORE + "&limit=3")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("segments");
        assertThat(segments).hasSize(expected.size());
        for (Map<String, Object> segment : segments) {
            String key = segment.get("ageBand") + "/" + segment.get("gender") + "/" + segment.get("hourBucket");
            List<String> ranking = expected.get(key).entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                            .thenComparingLong(e -> -e.getValue()[2])
                            .thenComparing(Map.Entry::getKey))
                    .limit(3)
                    .map(e -> e.getKey() + ":" + e.getValue()[0] + ":" + e.getValue()[1])
                    .toList();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) segment.get("items");
            assertThat(items.stream()
                            .map(i -> i.get("itemId") + ":" + i.get("quantity") + ":" + i.get("orders"))
                            .toList())
                    .as(key)
                    .isEqualTo(ranking);
        }
    }

    @Test
    void itemByAgeBandMatrix() {
        Map<String, Map<String, long[]>> byBand =
                itemsBy(o -> o.customer() == null ? "unknown" : o.customer().ageBand());
        JsonPath m = TestData.admin()
                .get("/api/v1/reports/item-age-matrix?store=" + STORE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(m.getList("ageBands")).containsExactlyElementsOf(byBand.keySet());
        List<Map<String, Object>> items = m.getList("items");
        assertThat(items).hasSize(TestData.MENU.size());
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cells = (Map<String, Object>) item.get("quantityByAgeBand");
            long total = 0;
            for (String band : byBand.keySet()) {
                long[] sums = byBand.get(band).get(item.get("itemId"));
                long expected = sums == null ? 0 : sums[0];
                total += expected;
                assertThat(cells.get(band) == null ? 0L : ((Number) cells.get(band)).longValue())
                        .as(item.get("itemId") + " " + band)
                        .isEqualTo(expected);
            }
            assertThat(((Number) item.get("total")).longValue()).isEqualTo(total);
        }
    }

    @Test
    void menuPlacementFollowsWhoVisitsAndWhatTheyBuy() {
        JsonPath p = TestData.admin()
                .get("/api/v1/reports/menu-placement?store=" + STORE + "&limit=10")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p.getString("method")).contains("smoothed");
        // Independent computation of the documented method.
        Map<String, Map<String, Long>> mix = new HashMap<>();
        dataset.visits.forEach(
                v -> mix.computeIfAbsent(HourBuckets.of(utc(v.start()).getHour()), b -> new HashMap<>())
                        .merge(v.customer().ageBand() + "|" + v.customer().gender(), 1L, Long::sum));
        Map<String, Map<String, long[]>> bySegment = itemsBy(o -> o.customer() == null
                ? "unknown|UNKNOWN"
                : o.customer().ageBand() + "|" + o.customer().gender());
        Map<String, Long> overall = new TreeMap<>();
        bySegment.values().forEach(items -> items.forEach((id, s) -> overall.merge(id, s[0], Long::sum)));
        long overallTotal = overall.values().stream().mapToLong(Long::longValue).sum();
        List<Map<String, Object>> slots = p.getList("slots");
        assertThat(slots).hasSize(mix.size());
        for (Map<String, Object> slot : slots) {
            Map<String, Long> slotMix = mix.get((String) slot.get("hourBucket"));
            long visits = slotMix.values().stream().mapToLong(Long::longValue).sum();
            assertThat(((Number) slot.get("visits")).longValue()).isEqualTo(visits);
            List<Map.Entry<String, Double>> scores = new ArrayList<>();
            for (String item : overall.keySet()) {
                double score = 0;
                for (Map.Entry<String, Long> segment : slotMix.entrySet()) {
                    Map<String, long[]> bought = bySegment.getOrDefault(segment.getKey(), Map.of());
                    long total = bought.values().stream().mapToLong(s -> s[0]).sum();
                    long q = bought.containsKey(item) ? bought.get(item)[0] : 0;
                    score += segment.getValue()
                            / (double) visits
                            * (q + 20 * overall.get(item) / (double) overallTotal)
                            / (total + 20);
                }
                scores.add(Map.entry(item, score));
            }
            scores.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> suggestions = (List<Map<String, Object>>) slot.get("suggestions");
            assertThat(suggestions.get(0).get("itemId")).isEqualTo(scores.get(0).getKey());
            assertThat(((Number) suggestions.get(0).get("score")).doubleValue())
                    .isCloseTo(scores.get(0).getValue(), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void loyalCustomersLeaderboard() {
        Map<String, long[]> perCustomer = new HashMap<>();
        dataset.visits.forEach(v -> perCustomer.computeIfAbsent(v.customer().id(), c -> new long[3])[0]++);
        dataset.counted().stream().filter(o -> o.customer() != null).forEach(o -> {
            long[] c = perCustomer.get(o.customer().id());
            c[1]++;
            c[2] += o.totalCents();
        });
        List<String> expected = perCustomer.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[2])
                        .thenComparing(Map.Entry::getKey))
                .limit(10)
                .map(e -> e.getKey() + ":" + e.getValue()[0] + ":" + e.getValue()[1] + ":"
                        + BigDecimal.valueOf(e.getValue()[2], 2))
                .toList();
        List<Map<String, Object>> actual = TestData.admin()
                .get("/api/v1/reports/loyal-customers?limit=10")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("customers");
        assertThat(actual.stream()
                        .map(c -> c.get("customerId") + ":" + c.get("visits") + ":" + c.get("orders") + ":"
                                + new BigDecimal(c.get("spend").toString()).setScale(2))
                        .toList())
                .isEqualTo(expected);
        assertThat(actual.get(0)).doesNotContainKeys("descriptor", "template");
    }

    /**
     * The leaderboard under time filters, compared exactly (order, tier, visits, orders, spend, last visit) with the
     * history: counts within the window, latest tier and demographics for the tier/ageBand/gender filters. Only this
     * store's customers are compared (the board spans stores, and other tests add customers in some windows). The
     * 11-day range is short enough to be read by day, the others are read customer by customer.
     */
    @Test
    void leaderboardWithinTimeFilters() {
        Map<String, Integer> sizes = new TreeMap<>();
        sizes.put(
                "year=2026&month=2",
                assertWindowedBoard(
                        "year=2026&month=2",
                        at -> utc(at).getYear() == 2026 && utc(at).getMonthValue() == 2,
                        latest -> true));
        sizes.put(
                "weekday=6&hour=12",
                assertWindowedBoard(
                        "weekday=6&hour=12",
                        at -> utc(at).getDayOfWeek().getValue() == 6 && utc(at).getHour() == 12,
                        latest -> true));
        sizes.put(
                "from/to+gender",
                assertWindowedBoard(
                        "from=2026-02-10&to=2026-02-20&gender=FEMALE",
                        DatasetReportsTest::inRange,
                        latest -> latest.customer().gender().equals("FEMALE")));
        sizes.put(
                "month=3&tier=VIP",
                assertWindowedBoard(
                        "month=3&tier=VIP",
                        at -> utc(at).getMonthValue() == 3,
                        latest -> latest.tier().equals("VIP")));
        sizes.put(
                "hour=9&ageBand",
                assertWindowedBoard(
                        "hour=9&ageBand=30-39",
                        at -> utc(at).getHour() == 9,
                        latest -> latest.customer().ageBand().equals("30-39")));
        // Every window has enough customers to mean something, and fewer than all of them.
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isBetween(10, 299));
        String csv = TestData.admin()
                .get("/api/v1/reports/loyal-customers?format=csv&limit=5&weekday=6&hour=12")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv.split("\r\n")).hasSize(6);
        assertThat(csv).startsWith("customerId,tier,vip,ageBand,gender,visits,orders,spend,lastVisit\r\n");
    }

    /** Asserts the board under the query and returns how many of this store's customers it has. */
    private int assertWindowedBoard(String query, Predicate<Instant> inWindow, Predicate<Visit> latestMatches) {
        Map<String, Visit> latest = new HashMap<>();
        dataset.visits.forEach(v ->
                latest.merge(v.customer().id(), v, (a, b) -> a.start().isAfter(b.start()) ? a : b));
        // visits, orders, spend cents, last visit ms (-1: none in the window)
        Map<String, long[]> perCustomer = new HashMap<>();
        for (Visit v : dataset.visits) {
            if (inWindow.test(v.start())) {
                long[] c = perCustomer.computeIfAbsent(v.customer().id(), id -> new long[] {0, 0, 0, -1});
                c[0]++;
                c[3] = Math.max(c[3], v.start().toEpochMilli());
            }
        }
        for (Order o : dataset.counted()) {
            if (o.customer() != null && inWindow.test(o.placed().orderedAt())) {
                long[] c = perCustomer.computeIfAbsent(o.customer().id(), id -> new long[] {0, 0, 0, -1});
                c[1]++;
                c[2] += o.totalCents();
            }
        }
        List<String> expected = perCustomer.entrySet().stream()
                .filter(e -> latestMatches.test(latest.get(e.getKey())))
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                        .thenComparingLong(e -> -e.getValue()[2])
                        .thenComparing(Map.Entry::getKey))
                .map(e -> {
                    Visit last = latest.get(e.getKey());
                    long[] c = e.getValue();
                    return e.getKey() + ":" + last.tier() + ":"
                            + last.customer().ageBand() + ":"
                            + last.customer().gender() + ":" + c[0] + ":" + c[1] + ":" + BigDecimal.valueOf(c[2], 2)
                            + ":"
                            + (c[3] < 0 ? null : Instant.ofEpochMilli(c[3]).toString());
                })
                .toList();
        List<Map<String, Object>> actual = TestData.admin()
                .get("/api/v1/reports/loyal-customers?limit=10000&" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("customers");
        assertThat(actual.stream()
                        .filter(c -> c.get("customerId").toString().startsWith("c-" + STORE + "-"))
                        .map(c -> c.get("customerId") + ":" + c.get("tier") + ":" + c.get("ageBand") + ":"
                                + c.get("gender")
                                + ":" + c.get("visits") + ":" + c.get("orders") + ":"
                                + new BigDecimal(c.get("spend").toString()).setScale(2) + ":" + c.get("lastVisit"))
                        .toList())
                .as(query)
                .isEqualTo(expected);
        return expected.size();
    }

    @Test
    void csvCarriesTheSameFigures() {
        String csv = TestData.admin()
                .accept("text/csv")
                .get("/api/v1/reports/summary?store=" + STORE)
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("visits,anonymousVisits,customerVisits,uniqueCustomers,newVisits");
        assertThat(lines[1]).startsWith(dataset.visits.size() + ",");
        String topItems = TestData.admin()
                .get("/api/v1/reports/top-items?format=csv&limit=1&store=" + STORE)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        long segments = itemsBy(o -> (o.customer() == null
                                ? "u"
                                : o.customer().ageBand() + o.customer().gender())
                        + HourBuckets.of(utc(o.placed().orderedAt()).getHour()))
                .size();
        assertThat(topItems.split("\r\n")).hasSize((int) segments + 1);
        assertThat(topItems).contains("\"Sandwich, club\"");
    }
}
