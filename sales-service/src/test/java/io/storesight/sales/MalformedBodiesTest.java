package io.storesight.sales;

import static io.storesight.sales.Fixtures.admin;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.testsupport.MalformedBodies;
import io.storesight.testsupport.TestLogins;

/** Hundreds of malformed bodies to every POST/PUT endpoint: each gets a 4xx, and the service stays ready. */
@QuarkusTest
class MalformedBodiesTest {
    private static final long SEED = 16_05;
    private static final int BODIES = 200;
    private static final String MENU_ITEM = "{\"id\":\"fuzz-item\",\"name\":\"Fuzz Tea\",\"category\":\"tea\","
            + "\"price\":2.50,\"sortOrder\":3,\"active\":true}";

    @TestHTTPResource("/")
    URL root;

    private final Map<String, String> asAdmin =
            Map.of("Authorization", TestLogins.basic(Fixtures.ADMIN_USER, Fixtures.ADMIN_PASSWORD));

    @Test
    void menuWrites() throws Exception {
        // The example exists already, so a mutation that happened to be valid would still be a 409.
        admin().contentType(ContentType.JSON).body(MENU_ITEM).post("/api/v1/menu");
        send("POST", "/api/v1/menu", asAdmin, MalformedBodies.json(SEED, BODIES, MENU_ITEM));
        send("PUT", "/api/v1/menu/fuzz-item", asAdmin, MalformedBodies.json(SEED + 1, BODIES, MENU_ITEM));
    }

    @Test
    void orders() throws Exception {
        Map<String, String> asStaff =
                Map.of("Authorization", TestLogins.basic(Fixtures.STAFF_USER, Fixtures.STAFF_PASSWORD));
        send(
                "POST",
                "/api/v1/orders",
                asStaff,
                MalformedBodies.json(SEED + 2, BODIES, Fixtures.order("espresso", "1")));
        // Cancelling takes no body: whatever comes with it, an unknown order is a 404.
        send(
                "POST",
                "/api/v1/orders/no-such-order/cancel",
                asAdmin,
                MalformedBodies.json(SEED + 3, BODIES / 4, MENU_ITEM));
    }

    private void send(String method, String path, Map<String, String> headers, List<MalformedBodies.Body> bodies)
            throws Exception {
        MalformedBodies.send(
                method, new URL(root, path).toURI(), headers, bodies, new URL(root, "/q/health/ready").toURI());
    }
}
