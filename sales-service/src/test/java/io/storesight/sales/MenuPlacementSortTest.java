package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.storesight.testsupport.Slow;

/**
 * Menu placement applied (console issue item 9): with {@code storesight.sales.placement-sort=true} the order page lists
 * each category in analytics' menu-placement order for the current day part; with analytics down it keeps the menu
 * order and still works. Analytics' API is stood in by a JDK HttpServer answering the report's real JSON shape, and
 * checking the viewer login it is read with.
 */
@QuarkusTest
@Slow
@TestProfile(MenuPlacementSortTest.Sorted.class)
class MenuPlacementSortTest {
    static final String VIEWER = "test-viewer";
    static final String VIEWER_PASSWORD = "test-viewer-password";
    /** The seeded coffee items in menu order (V2__seed_menu.sql). */
    static final List<String> COFFEE = List.of(
            "espresso",
            "americano",
            "iced-americano",
            "cafe-latte",
            "iced-latte",
            "cappuccino",
            "flat-white",
            "vanilla-latte",
            "caramel-macchiato",
            "cafe-mocha",
            "cold-brew");
    /** Analytics' day parts (analytics-api HourBuckets), each ranking another coffee first. */
    static final List<Object[]> DAY_PARTS = List.of(
            new Object[] {"night", 0, 6, "cold-brew"},
            new Object[] {"morning", 6, 11, "flat-white"},
            new Object[] {"lunch", 11, 14, "iced-latte"},
            new Object[] {"afternoon", 14, 17, "cafe-mocha"},
            new Object[] {"evening", 17, 21, "americano"},
            new Object[] {"late", 21, 24, "vanilla-latte"});

    public static class Sorted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "storesight.sales.placement-sort",
                    "true",
                    "storesight.sales.placement-cache",
                    "1ms",
                    "storesight.viewer.user",
                    VIEWER,
                    "storesight.viewer.password",
                    VIEWER_PASSWORD);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnalyticsStandIn.class));
        }
    }

    /** analytics-api's menu-placement endpoint, answering 503 while {@link #down} is set. */
    public static class AnalyticsStandIn implements QuarkusTestResourceLifecycleManager {
        static volatile boolean down;
        static final List<String> requests = new CopyOnWriteArrayList<>();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
            server.createContext("/api/v1/reports/menu-placement", exchange -> {
                requests.add(exchange.getRequestURI().toString());
                boolean authorised =
                        expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (down
                                ? "{\"error\":\"unavailable\"}"
                                : authorised ? report() : "{\"error\":\"login required\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(down ? 503 : authorised ? 200 : 401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of(
                    "storesight.sales.analytics-url",
                    "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    /** The JSON analytics-api's menu-placement report answers (Reports.MenuPlacement), a slot per day part. */
    static String report() {
        StringBuilder slots = new StringBuilder();
        for (Object[] part : DAY_PARTS) {
            slots.append(slots.isEmpty() ? "" : ",")
                    .append("{\"hourBucket\":\"")
                    .append(part[0])
                    .append("\",\"fromHour\":")
                    .append(part[1])
                    .append(",\"toHour\":")
                    .append(part[2])
                    .append(",\"visits\":12,\"visitorMix\":[{\"ageBand\":\"20-29\",\"gender\":\"FEMALE\","
                            + "\"share\":0.5833},{\"ageBand\":\"30-39\",\"gender\":\"MALE\",\"share\":0.4167}],"
                            + "\"suggestions\":[")
                    .append("{\"itemId\":\"")
                    .append(part[3])
                    .append("\",\"name\":\"x\",\"category\":\"coffee\"," + "\"score\":0.2114,\"soldInSlot\":7},")
                    .append("{\"itemId\":\"matcha-latte\",\"name\":\"Matcha Latte\",\"category\":\"tea\","
                            + "\"score\":0.1502,\"soldInSlot\":5},")
                    .append("{\"itemId\":\"espresso\",\"name\":\"Espresso\",\"category\":\"coffee\","
                            + "\"score\":0.0931,\"soldInSlot\":3}]}");
        }
        return "{\"method\":\"score(item, slot) = ...\",\"slots\":[" + slots + "]}";
    }

    private static List<String> itemsOnThePage(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("class=\"item\" data-id=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String firstOfTheDayPart(int hour) {
        return DAY_PARTS.stream()
                .filter(p -> hour >= (int) p[1] && hour < (int) p[2])
                .map(p -> (String) p[3])
                .findFirst()
                .orElseThrow();
    }

    /** The viewer login (here for reading analytics) opens nothing of sales: no order, no menu change. */
    @Test
    void theViewerMayNotOrderOrChangeTheMenu() {
        given().auth()
                .preemptive()
                .basic(VIEWER, VIEWER_PASSWORD)
                .contentType(ContentType.JSON)
                .body(Fixtures.order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(VIEWER, VIEWER_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Free\",\"category\":\"tea\",\"price\":0}")
                .post("/api/v1/menu")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(VIEWER, VIEWER_PASSWORD)
                .get("/api/v1/menu")
                .then()
                .statusCode(403);
    }

    @Test
    void theOrderPageListsTheDayPartsTopItemsFirstAndTheMenuOrderWhenAnalyticsIsDown() {
        AnalyticsStandIn.down = false;
        int before = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        String html = Fixtures.staff().get("/").then().statusCode(200).extract().asString();
        int after = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        List<String> items = itemsOnThePage(html);
        List<String> coffee = items.stream().filter(COFFEE::contains).toList();
        // The day part's first coffee, then espresso (ranked third), then the rest in menu order.
        String first =
                firstOfTheDayPart(before).equals(coffee.get(0)) ? firstOfTheDayPart(before) : firstOfTheDayPart(after);
        List<String> expected = new ArrayList<>(List.of(first, "espresso"));
        COFFEE.stream().filter(id -> !expected.contains(id)).forEach(expected::add);
        assertThat(coffee).containsExactlyElementsOf(expected);
        // Tea: matcha latte first; the other teas follow in menu order.
        List<String> tea = items.stream()
                .filter(id -> List.of(
                                "english-breakfast",
                                "earl-grey",
                                "green-tea",
                                "chamomile",
                                "chai-latte",
                                "matcha-latte",
                                "iced-peach-tea")
                        .contains(id))
                .toList();
        assertThat(tea)
                .containsExactly(
                        "matcha-latte",
                        "english-breakfast",
                        "earl-grey",
                        "green-tea",
                        "chamomile",
                        "chai-latte",
                        "iced-peach-tea");
        assertThat(html).contains("id=\"placement\"");
        assertThat(AnalyticsStandIn.requests).last().asString().contains("store=store-1");

        AnalyticsStandIn.down = true;
        String unsorted =
                Fixtures.staff().get("/").then().statusCode(200).extract().asString();
        assertThat(itemsOnThePage(unsorted).stream().filter(COFFEE::contains).toList())
                .containsExactlyElementsOf(COFFEE);
        assertThat(unsorted).doesNotContain("id=\"placement\"").contains("data-placement=\"\"");
    }
}
