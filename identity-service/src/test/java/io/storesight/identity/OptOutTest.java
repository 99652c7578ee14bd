package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.admin;
import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storesight.identity.RealFaces.Person;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.OptOutService;

/**
 * Opt-out enrolment through face-inference's analyze API. That API belongs to another service, so the test serves
 * it itself ({@link AnalyzeStandIn}, backed by the real face engine).
 */
@QuarkusTest
@QuarkusTestResource(AnalyzeStandIn.class)
class OptOutTest {
    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    OptOutService optOuts;

    @BeforeEach
    void reset() {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
        optOuts.list().forEach(o -> optOuts.delete(o.id()));
        AnalyzeStandIn.requests.clear();
    }

    /** The person whose face is the largest in their photo: the one an enrolment photo of that image stands for. */
    private static Person largestInPhoto(String photo) {
        return RealFaces.all().stream()
                .filter(p -> p.photo().equals(photo))
                .max(Comparator.comparingDouble(
                        p -> p.face().box().width() * p.face().box().height()))
                .orElseThrow();
    }

    @Test
    void anOptedOutPersonIsErasedAndNeverStoredAgain() {
        Person optedOut = largestInPhoto("sample6.jpg");
        Person other = RealFaces.clear().stream()
                .filter(p -> !p.photo().equals("sample6.jpg"))
                .findFirst()
                .orElseThrow();
        String store = camera("store");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // already a customer before enrolment
        String cam = camera("entrance");
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, optedOut));
        List<String> before = customerIds(dataSource);
        assertThat(before).hasSize(1);

        JsonPath enrolled = admin().contentType("image/jpeg")
                .body(RealFaces.photo("sample6.jpg"))
                .queryParam("note", "asked at the counter")
                .post("/api/v1/opt-outs")
                .then()
                .statusCode(201)
                .body("note", equalTo("asked at the counter"))
                .extract()
                .jsonPath();
        assertThat(enrolled.getList("erasedCustomers", String.class)).containsExactlyElementsOf(before);
        assertThat(AnalyzeStandIn.requests)
                .singleElement()
                .asString()
                .contains("include=descriptor")
                .contains("image/jpeg");
        assertThat(customerIds(dataSource)).isEmpty();

        // from now on: the opted-out face is dropped before anything is stored; others are tracked as usual
        String cam2 = camera("entrance");
        awaitProcessed(dataSource, sendFrames(cam2, store, t0.plusSeconds(30), 300, 6, optedOut, other));
        List<String> after = customerIds(dataSource);
        assertThat(after).hasSize(1);
        assertThat(count(dataSource, "SELECT COUNT(*) FROM templates")).isBetween(1L, 5L);
        assertThat(count(dataSource, "SELECT COUNT(*) FROM sightings WHERE camera_id = ?", cam2))
                .isEqualTo(1);
        String body =
                admin().get("/api/v1/opt-outs").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("descriptor");
        String id = JsonPath.from(body).getString("[0].id");

        admin().delete("/api/v1/opt-outs/" + id).then().statusCode(204);
        admin().delete("/api/v1/opt-outs/" + id).then().statusCode(404);
        admin().get("/api/v1/opt-outs").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void enrolmentErrorsAreClear() {
        admin().contentType("text/plain")
                .body("hello")
                .post("/api/v1/opt-outs")
                .then()
                .statusCode(415)
                .body("error", containsString("image/jpeg"));
        admin().contentType("image/jpeg")
                .body(new byte[] {1, 2, 3})
                .post("/api/v1/opt-outs")
                .then()
                .statusCode(400)
                .body("error", containsString("face-inference refused"));
        IdentityTestSupport.admin()
                .contentType("image/png")
                .body(new byte[0])
                .post("/api/v1/opt-outs")
                .then()
                .statusCode(400);
        io.restassured.RestAssured.given()
                .contentType("image/jpeg")
                .body(RealFaces.photo("sample1.jpg"))
                .post("/api/v1/opt-outs")
                .then()
                .statusCode(401);
    }
}
