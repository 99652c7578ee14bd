package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.admin;
import static io.storesight.sales.Fixtures.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.testsupport.TestLogins;

@QuarkusTest
class MenuApiTest {

    @Test
    void seededCafeMenuIsReadableByStaff() {
        List<String> categories = staff().get("/api/v1/menu?active=true")
                .then()
                .statusCode(200)
                .extract()
                .path("category");
        assertThat(categories)
                .hasSizeGreaterThanOrEqualTo(36)
                .containsOnly("coffee", "tea", "ade", "smoothie", "dessert", "food");
        staff().get("/api/v1/menu/flat-white")
                .then()
                .statusCode(200)
                .body("name", equalTo("Flat White"))
                .body("price", equalTo(3.80f))
                .body("currency", equalTo("EUR"))
                .body("active", equalTo(true));
        staff().get("/api/v1/menu/no-such-thing")
                .then()
                .statusCode(404)
                .body("error", equalTo("no menu item 'no-such-thing'"));
        staff().get("/api/v1/menu?active=maybe").then().statusCode(400);
    }

    @Test
    void adminCreatesUpdatesAndDeletesItems() {
        String name = "Hojicha Latte " + UUID.randomUUID().toString().substring(0, 6);
        String id = admin().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"category\":\"tea\",\"price\":4.5,\"sortOrder\":275,"
                        + "\"description\":\"Roasted green tea with milk.\",\"imageUrl\":\"/img/hojicha.jpg\"}")
                .post("/api/v1/menu")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/menu/"))
                .body("price", equalTo(4.50f))
                .body("currency", equalTo("EUR"))
                .body("active", equalTo(true))
                .extract()
                .path("id");
        assertThat(id).startsWith("hojicha-latte-");

        admin().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"Again\",\"category\":\"tea\"," + "\"price\":1}")
                .post("/api/v1/menu")
                .then()
                .statusCode(409)
                .body("error", containsString("already exists"));

        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"category\":\"tea\",\"price\":4.90,\"active\":false}")
                .put("/api/v1/menu/" + id)
                .then()
                .statusCode(200)
                .body("price", equalTo(4.90f))
                .body("active", equalTo(false));
        staff().get("/api/v1/menu?active=true").then().body("id", not(org.hamcrest.Matchers.hasItem(id)));
        staff().get("/api/v1/menu").then().body("id", org.hamcrest.Matchers.hasItem(id));

        admin().contentType(ContentType.JSON)
                .body("{\"id\":\"other\",\"name\":\"x\",\"category\":\"tea\"," + "\"price\":1}")
                .put("/api/v1/menu/" + id)
                .then()
                .statusCode(400)
                .body("error", containsString("ids cannot be changed"));
        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"category\":\"tea\",\"price\":1}")
                .put("/api/v1/menu/not-there")
                .then()
                .statusCode(404);

        admin().delete("/api/v1/menu/" + id).then().statusCode(204);
        admin().delete("/api/v1/menu/" + id).then().statusCode(404);
        staff().get("/api/v1/menu/" + id).then().statusCode(404);
    }

    @Test
    void invalidItemsAreRefusedWithEveryProblemNamed() {
        admin().contentType(ContentType.JSON)
                .body("{\"id\":\"Bad Id\",\"name\":\"\",\"category\":\"" + "c".repeat(41) + "\",\"price\":-1,"
                        + "\"currency\":\"USD\",\"imageUrl\":\"javascript:alert(1)\"}")
                .post("/api/v1/menu")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid menu item"))
                .body("details", hasKey("id"))
                .body("details.name", equalTo("is required"))
                .body("details.category", equalTo("must be at most 40 characters"))
                .body("details.price", containsString("at least 0"))
                .body("details.currency", equalTo("must be EUR, the currency this store sells in"))
                .body("details", hasKey("imageUrl"));
        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"Cent Fraction\",\"category\":\"tea\",\"price\":1.999}")
                .post("/api/v1/menu")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid menu item: price must have at most 2 decimal places in EUR"));
        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"No Price\",\"category\":\"tea\"}")
                .post("/api/v1/menu")
                .then()
                .statusCode(400)
                .body("details.price", equalTo("is required"));
        admin().contentType(ContentType.JSON)
                .body("{\"name\":\"Odd\",\"category\":\"tea\",\"price\":\"cheap\"}")
                .post("/api/v1/menu")
                .then()
                .statusCode(400)
                .body("error", containsString("'cheap'"));
        staff().get("/api/v1/nowhere").then().statusCode(404).contentType(ContentType.JSON);
        admin().contentType(ContentType.JSON).post("/api/v1/menu").then().statusCode(400);
        staff().get("/api/v1/menu/bad-id-is-absent").then().statusCode(404);
    }

    @Test
    void menuChangesNeedTheAdminLogin() {
        String body = "{\"name\":\"Sneaky\",\"category\":\"tea\",\"price\":0}";
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/menu")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", nullValue())
                .body("error", equalTo("login required"));
        // Only a client that tried Basic is challenged (a browser would cache credentials from its own dialog).
        given().auth()
                .preemptive()
                .basic(TestLogins.ADMIN_USER, "nope")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/menu")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        staff().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/menu")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/menu/espresso")
                .then()
                .statusCode(401);
        given().delete("/api/v1/menu/espresso").then().statusCode(401);
        staff().get("/api/v1/menu/espresso").then().statusCode(200).body("name", equalTo("Espresso"));
    }
}
