package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import io.restassured.path.json.JsonPath;
import io.storesight.contracts.AgeBands;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.Topics;
import io.storesight.e2e.ScenarioMedia.Person;
import io.storesight.testsupport.Browser;

/**
 * The whole store story through the real stack (broker and five services as processes from their packaged jars),
 * with crashes and a broker restart in the middle, asserted only through the public REST APIs and the dashboard.
 * Timeline and expectations: {@link Scenario}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreStoryIT {
    private Stack stack;
    private StoreApis api;
    private Path media;
    private final List<PlacedOrder> placed = new ArrayList<>();
    private Instant entranceStart;
    private Instant counterStart;
    /** Gender face-inference gives each person's frame: identity's running estimate must come to the same. */
    private final Map<Person, String> analyzedGender = new LinkedHashMap<>();

    /** An order as sales-service confirmed it, and whom the scenario expects it to be attributed to. */
    record PlacedOrder(String id, BigDecimal total, String counterCameraId, Person expectedCustomer) {}

    /** A failure anywhere prints the tail of every service's log into the report: the cause is usually there. */
    @RegisterExtension
    final LogsOnFailure logsOnFailure = new LogsOnFailure();

    @BeforeAll
    void startStack() throws Exception {
        stack = new Stack(Scenario.settings());
        stack.checkPackaged();
        media = stack.media();
        Files.createDirectories(media);
        stack.start();
        api = new StoreApis(stack);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theCroppedPeopleAreThreeDifferentSingleFaces() {
        List<Person> people = List.of(ScenarioMedia.DARK_HAIR, ScenarioMedia.BLACK_HAIR, ScenarioMedia.AUBURN);
        List<Path> frames = new ArrayList<>();
        for (Person person : people) {
            Path frame = ScenarioMedia.frame(stack.root(), media, person);
            frames.add(frame);
            JsonPath analysis = api.analyze(read(frame));
            assertThat(analysis.getList("faces"))
                    .as("faces in the frame of %s", person.name())
                    .hasSize(1);
            assertThat(analysis.getList("faces[0].descriptor"))
                    .as("descriptors need the admin role")
                    .isNull();
            analyzedGender.put(person, analysis.getString("faces[0].gender"));
        }
        for (int i = 0; i < frames.size(); i++) {
            for (int j = i + 1; j < frames.size(); j++) {
                assertThat(api.verify(frames.get(i), frames.get(j)).getBoolean("samePerson"))
                        .as("%s vs %s", people.get(i).name(), people.get(j).name())
                        .isFalse();
            }
        }
    }

    @Test
    @Order(2)
    void theStoreStorySurvivesCrashesAndABrokerRestart() {
        Path entrance = ScenarioMedia.video(stack.root(), media, "entrance", Scenario.VIDEO_SECONDS, Scenario.ENTRANCE);
        Path counter =
                ScenarioMedia.video(stack.root(), media, "counter", Scenario.VIDEO_SECONDS, Scenario.COUNTER_VIEW);
        List<Map<String, Object>> menu = api.activeMenu();
        assertThat(menu).as("seeded menu").hasSizeGreaterThanOrEqualTo(2);

        try (TopicTail frames = new TopicTail(stack.bootstrapServers(), List.of(Topics.FRAMES), false)) {
            api.addCamera(Scenario.ENTRANCE_CAMERA, "entrance", entrance);
            api.addCamera(Scenario.COUNTER_CAMERA, "counter", counter);
            // The video clock starts with each camera's first frame: its capture time anchors the timeline.
            entranceStart = firstCapture(frames, Scenario.ENTRANCE_CAMERA);
            counterStart = firstCapture(frames, Scenario.COUNTER_CAMERA);
        }

        at(entranceStart, Scenario.KILL_FACE_INFERENCE_AT);
        stack.kill(Service.FACE_INFERENCE);
        stack.start(Service.FACE_INFERENCE);

        at(counterStart, Scenario.ORDER_1_AT);
        placed.add(order(menu.get(0), 2, "order-1", ScenarioMedia.BLACK_HAIR));

        at(entranceStart, Scenario.KILL_IDENTITY_AT);
        stack.kill(Service.IDENTITY);
        stack.start(Service.IDENTITY);

        at(counterStart, Scenario.ORDER_2_AT);
        placed.add(order(menu.get(1), 1, "order-2", ScenarioMedia.AUBURN));

        at(entranceStart, Scenario.BROKER_DOWN_AT);
        stack.restartBroker(Duration.ofSeconds(3), () -> placed.add(order(menu.get(0), 1, "order-3", null)));

        at(entranceStart, Scenario.VIDEO_SECONDS + 1);
        for (Service service : Service.values()) {
            stack.awaitReady(service);
        }
        assertThat(api.camera(Scenario.ENTRANCE_CAMERA).getLong("status.published"))
                .as("entrance frames published")
                .isGreaterThan(50);

        // Everything is derived from capture times, so the result must not depend on how late it is computed.
        Expected expected = expected();
        Observed observed = awaitConverged(expected, Duration.ofMinutes(5));
        ManagedProcess.sleep(Duration.ofSeconds(8));
        Observed settled = observe();
        // Every check runs and reports, so one run shows everything that is wrong.
        checkAll(List.of(
                () -> assertThat(settled)
                        .as("nothing counted late or twice after the stack settled")
                        .isEqualTo(observed),
                () -> assertCustomersAndVisits(settled),
                () -> assertOrders(settled),
                () -> assertSummary(expected)));
    }

    private static void checkAll(List<Runnable> checks) {
        List<AssertionError> failures = new ArrayList<>();
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (AssertionError e) {
                failures.add(e);
            } catch (RuntimeException e) {
                failures.add(new AssertionError(e.toString(), e));
            }
        }
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(failures.size() + " of " + checks.size() + " checks failed:");
            failures.forEach(f -> message.append("\n---\n").append(f.getMessage()));
            AssertionError all = new AssertionError(message.toString());
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    @Test
    @Order(3)
    void theDashboardShowsTheTotals() {
        assertThat(api.summaryStatusWithoutLogin()).as("reports need a login").isEqualTo(401);
        assertThat(api.analyzeStatusWithoutLogin(
                        read(ScenarioMedia.frame(stack.root(), media, ScenarioMedia.DARK_HAIR))))
                .as("analyze needs a login")
                .isEqualTo(401);
        assertThat(api.orderStatusWithoutLogin(api.activeMenu().get(0).get("id").toString()))
                .as("ordering is closed without the staff or admin login")
                .isEqualTo(401);
        DashboardBrowser.Totals totals;
        try (Browser browser = DashboardBrowser.start(stack.logs())) {
            totals = DashboardBrowser.readTotals(
                    browser, stack.url(Service.ANALYTICS), Stack.ADMIN_USER, stack.adminPassword(), stack.logs());
        }
        assertThat(totals.visits()).as("visits tile").isEqualTo(4);
        assertThat(totals.uniqueCustomers()).as("customers tile").isEqualTo(3);
        assertThat(totals.orders()).as("orders tile").isEqualTo(placed.size());
        BigDecimal revenue = placed.stream().map(PlacedOrder::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(totals.revenue().replaceAll("[^0-9.]", ""))
                .as("revenue tile %s", totals.revenue())
                .isEqualTo(revenue.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private PlacedOrder order(Map<String, Object> item, int quantity, String key, Person expected) {
        JsonPath order = api.placeOrder(
                Scenario.COUNTER,
                Map.of(item.get("id").toString(), quantity),
                "e2e-" + key + "-" + stack.adminPassword());
        assertThat(order.getString("counterCameraId"))
                .as("counter mapped to the counter camera")
                .isEqualTo(Scenario.COUNTER_CAMERA);
        BigDecimal price = new BigDecimal(item.get("price").toString());
        BigDecimal total = new BigDecimal(order.getString("total"));
        assertThat(total).as("server-priced total").isEqualByComparingTo(price.multiply(BigDecimal.valueOf(quantity)));
        return new PlacedOrder(order.getString("id"), total, order.getString("counterCameraId"), expected);
    }

    private static Instant firstCapture(TopicTail frames, String camera) {
        TopicTail.Seen first = frames.first(
                seen -> camera.equals(seen.header(FrameHeaders.CAMERA_ID)),
                Duration.ofSeconds(60),
                "frame from camera " + camera);
        return Instant.ofEpochMilli(Long.parseLong(first.header(FrameHeaders.CAPTURE_TIME)));
    }

    /** Sleeps until the given second of a camera's video (already past: returns at once). */
    private static void at(Instant videoStart, double second) {
        long wait = videoStart.plusMillis((long) (second * 1000)).toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
            ManagedProcess.sleep(Duration.ofMillis(wait));
        }
    }

    // ------------------------------------------------------------------------------------------------ expectations

    /** What the scenario implies, independent of any service. */
    record Expected(int customers, int visits, int orders, BigDecimal revenue) {}

    private Expected expected() {
        BigDecimal revenue = placed.stream().map(PlacedOrder::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Expected(3, 4, placed.size(), revenue);
    }

    /** What the services report: customers (oldest first) with visit counts, orders in sales and analytics. */
    record Observed(List<Map<String, Object>> customers, int salesOrders, JsonPath summaryJson) {
        int visits() {
            return customers.stream()
                    .mapToInt(c -> ((Number) c.get("visitCount")).intValue())
                    .sum();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Observed o
                    && o.customers.equals(customers)
                    && o.salesOrders == salesOrders
                    && o.summaryJson.prettify().equals(summaryJson.prettify());
        }

        @Override
        public int hashCode() {
            return customers.hashCode();
        }

        @Override
        public String toString() {
            return "customers=" + customers + ", sales orders=" + salesOrders + ", summary=" + summaryJson.prettify();
        }
    }

    private Observed observe() {
        List<Map<String, Object>> customers = new ArrayList<>(api.customers().getList("items"));
        customers.sort(
                Comparator.comparing(c -> Instant.parse(c.get("firstSeen").toString())));
        return new Observed(customers, api.orders().size(), api.summary());
    }

    /**
     * Waits until the stack has worked off the videos: the expected counts are reached, every visit has ended (the
     * last one, p1's return, ends only once both cameras' frames past 105 s are processed), and two reads 3 s apart
     * agree. Counts alone are reached while a loaded machine is still processing p1's return, whose last sighting
     * and dwell then move on.
     */
    private Observed awaitConverged(Expected expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Observed last = null;
        Observed previous = null;
        while (System.nanoTime() < deadline) {
            last = observe();
            if (last.customers().size() >= expected.customers()
                    && last.visits() >= expected.visits()
                    && last.summaryJson().getInt("orders") >= expected.orders()
                    && last.summaryJson().getInt("visits") >= expected.visits()
                    && placed.stream().allMatch(this::attributionSettled)
                    && api.openVisits() == 0
                    && last.equals(previous)) {
                return last;
            }
            previous = last;
            ManagedProcess.sleep(Duration.ofSeconds(3));
        }
        // The assertions that follow say precisely what is missing.
        System.out.println("e2e: the stack did not reach " + expected + " within " + timeout + "; last seen: " + last);
        return last;
    }

    private boolean attributionSettled(PlacedOrder order) {
        if (!api.attributionKnown(order.id())) {
            return false;
        }
        return order.expectedCustomer() == null || api.attribution(order.id()).getBoolean("attributed");
    }

    // -------------------------------------------------------------------------------------------------- assertions

    private void assertCustomersAndVisits(Observed observed) {
        List<Map<String, Object>> customers = observed.customers();
        assertThat(customers)
                .as("one customer per person, no duplicates from crashes or redelivery")
                .hasSize(3);
        // Oldest first = order of first appearance at the entrance: p1, p2, p3.
        assertThat(customers)
                .extracting(c -> ((Number) c.get("visitCount")).intValue())
                .as("visits per customer: p1 came back after the absence threshold")
                .containsExactly(2, 1, 1);
        assertThat(Instant.parse(customers.get(0).get("firstSeen").toString()).toEpochMilli())
                .isCloseTo(entranceStart.plusSeconds(3).toEpochMilli(), within(2000L));
        assertThat(Instant.parse(customers.get(1).get("firstSeen").toString()).toEpochMilli())
                .isCloseTo(entranceStart.plusSeconds(11).toEpochMilli(), within(2000L));
        assertThat(Instant.parse(customers.get(2).get("firstSeen").toString()).toEpochMilli())
                .isCloseTo(entranceStart.plusSeconds(19).toEpochMilli(), within(2000L));
        List<Person> people = List.of(ScenarioMedia.DARK_HAIR, ScenarioMedia.BLACK_HAIR, ScenarioMedia.AUBURN);
        for (int i = 0; i < people.size(); i++) {
            Map<String, Object> customer = customers.get(i);
            assertThat(customer)
                    .as("no biometric data in the public API")
                    .doesNotContainKeys("descriptor", "descriptors", "templates");
            assertThat(customer.get("gender"))
                    .as("gender of %s", people.get(i).name())
                    .isEqualTo(analyzedGender.get(people.get(i)));
            assertThat(customer.get("ageBand"))
                    .as("age band of %s", people.get(i).name())
                    .isNotNull();
        }
        String returner = customers.get(0).get("id").toString();
        assertThat(api.visits().getList("items.findAll { it.customerId == '" + returner + "' }"))
                .as("visits of the returner")
                .hasSize(2);
        // Only p2 and p3 went to the counter.
        assertThat(countersVisited(customers.get(0))).isEmpty();
        assertThat(countersVisited(customers.get(1))).containsExactly(Scenario.COUNTER_CAMERA);
        assertThat(countersVisited(customers.get(2))).containsExactly(Scenario.COUNTER_CAMERA);
    }

    private List<String> countersVisited(Map<String, Object> customer) {
        return api.customer(customer.get("id").toString())
                .getList("recentSightings.findAll { it.cameraId == '" + Scenario.COUNTER_CAMERA
                        + "' }.cameraId.unique()");
    }

    /**
     * An order keeps the demographics its customer had when sighted at the counter (analytics-api README), while the customer's
     * running age estimate goes on moving with later frames. So the bands may differ only for a customer whose
     * estimate sits within a year and a half of a band boundary, and then only by that one boundary. (A run failed
     * with 30-39 on the order against 40-49 on the customer: an estimate that crossed 40 after the purchase.)
     */
    private static void assertBuyerAgeBand(String attributed, Map<String, Object> customer) {
        String current = (String) customer.get("ageBand");
        if (current.equals(attributed)) {
            return;
        }
        double age = ((Number) customer.get("age")).doubleValue();
        double boundary = Math.round(age / 10) * 10.0;
        assertThat(Math.abs(age - boundary))
                .as(
                        "age band of the buyer: %s on the order, %s (age %.1f) on the customer, "
                                + "far from a band boundary",
                        attributed, current, age)
                .isLessThan(1.5);
        assertThat(attributed)
                .as("age band of the buyer, across the boundary at %.0f", boundary)
                .isEqualTo(AgeBands.of((float) (age < boundary ? boundary + 0.5 : boundary - 0.5)));
    }

    private void assertOrders(Observed observed) {
        assertThat(observed.salesOrders())
                .as("orders in sales-service, none lost or doubled")
                .isEqualTo(placed.size());
        Map<Person, Map<String, Object>> customerOf = new LinkedHashMap<>();
        customerOf.put(ScenarioMedia.DARK_HAIR, observed.customers().get(0));
        customerOf.put(ScenarioMedia.BLACK_HAIR, observed.customers().get(1));
        customerOf.put(ScenarioMedia.AUBURN, observed.customers().get(2));

        for (PlacedOrder order : placed) {
            JsonPath attribution = api.attribution(order.id());
            assertThat(new BigDecimal(attribution.getString("total"))).isEqualByComparingTo(order.total());
            assertThat(attribution.getString("counterCameraId")).isEqualTo(Scenario.COUNTER_CAMERA);
            if (order.expectedCustomer() == null) {
                assertThat(attribution.getBoolean("attributed"))
                        .as("order %s placed with nobody at the counter", order.id())
                        .isFalse();
                assertThat(attribution.getString("customerId")).isNull();
                continue;
            }
            Map<String, Object> customer = customerOf.get(order.expectedCustomer());
            assertThat(attribution.getBoolean("attributed"))
                    .as("order %s attributed", order.id())
                    .isTrue();
            assertThat(attribution.getString("customerId"))
                    .as("customer of order %s (the person at the counter)", order.id())
                    .isEqualTo(customer.get("id"));
            assertBuyerAgeBand(attribution.getString("ageBand"), customer);
            assertThat(attribution.getString("gender"))
                    .as("gender of the buyer")
                    .isEqualTo(customer.get("gender"));
        }
        // The leaderboard adds the same up per customer: p2 and p3 spent their order, p1 nothing.
        JsonPath leaderboard = api.loyalCustomers();
        for (Map.Entry<Person, Map<String, Object>> entry : customerOf.entrySet()) {
            String id = entry.getValue().get("id").toString();
            BigDecimal expectedSpend = placed.stream()
                    .filter(o -> entry.getKey().equals(o.expectedCustomer()))
                    .map(PlacedOrder::total)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, Object> row = leaderboard.getMap("customers.find { it.customerId == '" + id + "' }");
            assertThat(row).as("customer %s on the leaderboard", id).isNotNull();
            assertThat(new BigDecimal(row.get("spend").toString()))
                    .as("spend of %s", id)
                    .isEqualByComparingTo(expectedSpend);
            assertThat(((Number) row.get("visits")).intValue())
                    .as("visits of %s in analytics", id)
                    .isEqualTo(((Number) entry.getValue().get("visitCount")).intValue());
        }
    }

    private void assertSummary(Expected expected) {
        JsonPath summary = api.summary();
        assertThat(summary.getInt("visits")).as("summary visits").isEqualTo(expected.visits());
        assertThat(summary.getInt("uniqueCustomers")).as("summary customers").isEqualTo(expected.customers());
        assertThat(summary.getInt("orders")).as("summary orders").isEqualTo(expected.orders());
        assertThat(new BigDecimal(summary.getString("revenue")))
                .as("summary revenue")
                .isEqualByComparingTo(expected.revenue());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Adds every process's log tail to a failure, including one in @BeforeAll (a service that cannot start). */
    private final class LogsOnFailure
            implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            throw withLogs(throwable);
        }

        @Override
        public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
                throws Throwable {
            throw withLogs(throwable);
        }

        private Throwable withLogs(Throwable throwable) {
            if (stack == null || throwable instanceof TestAbortedException) {
                return throwable;
            }
            AssertionError error = new AssertionError(
                    throwable.getMessage() + "\n\nLogs (full logs in " + stack.logs() + "):" + stack.logTails(40),
                    throwable);
            return error;
        }
    }
}
