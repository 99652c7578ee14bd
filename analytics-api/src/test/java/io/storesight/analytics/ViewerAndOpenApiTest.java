package io.storesight.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Item 10 of the console issue: external dashboards read the reports with the read-only viewer login, and
 * {@code /q/openapi} documents each report's filters and its JSON shape.
 */
@QuarkusTest
class ViewerAndOpenApiTest {
    static final String VIEWER = "test-viewer";
    static final String VIEWER_PASSWORD = "test-viewer-password";

    private static final List<String> FILTERS = List.of(
            "from",
            "to",
            "year",
            "month",
            "weekday",
            "hour",
            "ageBand",
            "gender",
            "tier",
            "store",
            "category",
            "item",
            "format");
    private static final List<String> FILTERED_REPORTS = List.of(
            "summary", "footfall", "demographics", "top-items", "item-age-matrix", "menu-placement", "loyal-customers");
    private static final List<String> RANKED_REPORTS =
            List.of("top-items", "menu-placement", "loyal-customers", "orders");

    static RequestSpecification viewer() {
        return given().auth().preemptive().basic(VIEWER, VIEWER_PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "summary",
                "footfall",
                "demographics",
                "top-items",
                "item-age-matrix",
                "menu-placement",
                "loyal-customers",
                "orders",
                "dimensions",
                "occupancy"
            })
    void theViewerReadsEveryReport(String report) {
        viewer().get("/api/v1/reports/" + report).then().statusCode(200);
    }

    @Test
    void theViewerReadsAttributionsAndTheDashboardPage() {
        viewer().get("/api/v1/orders/nope/attribution").then().statusCode(404);
        // The dashboard only reads reports, so a viewer may open it (read-only by construction).
        String cookie = given().redirects()
                .follow(false)
                .formParam("j_username", VIEWER)
                .formParam("j_password", VIEWER_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract()
                .cookie("quarkus-credential");
        assertThat(cookie).isNotBlank();
        given().cookie("quarkus-credential", cookie).get("/dashboard/").then().statusCode(200);
    }

    @Test
    void theViewerMayNotTouchTheDeadLetters() {
        viewer().get("/api/v1/dead-letters").then().statusCode(403);
        viewer().post("/api/v1/dead-letters/visits/replay").then().statusCode(403);
    }

    @Test
    void everyReportDocumentsItsFiltersAndItsResponseSchema() {
        JsonPath spec = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String report : FILTERED_REPORTS) {
            Map<String, Object> get = spec.getMap("paths.'/api/v1/reports/" + report + "'.get");
            assertThat(get).as(report).isNotNull();
            assertThat(parameterNames(spec, report)).as(report).containsAll(FILTERS);
            assertThat(jsonSchema(spec, report)).as(report + " response schema").isNotNull();
        }
        for (String report : RANKED_REPORTS) {
            assertThat(parameterNames(spec, report)).as(report).contains("limit");
        }
        assertThat(parameterNames(spec, "orders")).contains("store", "customerId", "format");
        assertThat(parameterNames(spec, "occupancy")).contains("store", "date");
        for (String report : List.of("orders", "dimensions", "occupancy")) {
            assertThat(jsonSchema(spec, report)).as(report + " response schema").isNotNull();
        }
        assertThat(spec.getString("paths.'/api/v1/reports/summary'.get.parameters.find { it.name == 'month' }"
                        + ".schema.maximum"))
                .isEqualTo("12");
        assertThat(spec.getList(
                        "paths.'/api/v1/reports/summary'.get.parameters.find { it.name == 'format' }" + ".schema.enum"))
                .containsExactly("json", "csv");
        // The schema names the fields the report returns, e.g. the summary's visits and revenue.
        String summary = spec.getString(
                "paths.'/api/v1/reports/summary'.get.responses.'200'.content." + "'application/json'.schema.'$ref'");
        String name = summary.substring(summary.lastIndexOf('/') + 1);
        assertThat(spec.getMap("components.schemas." + name + ".properties"))
                .containsKeys("visits", "revenue", "returningShare");
    }

    private static List<String> parameterNames(JsonPath spec, String report) {
        return spec.getList("paths.'/api/v1/reports/" + report + "'.get.parameters.name");
    }

    private static Object jsonSchema(JsonPath spec, String report) {
        return spec.get("paths.'/api/v1/reports/" + report + "'.get.responses.'200'.content.'application/json'.schema");
    }
}
