package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/** Headless Chromium: the dashboard's "Inside now" section shows each store's head count from the broker. */
@Slow
@QuarkusTest
class OccupancyBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void theDashboardShowsHowManyAreInsideNowWithTodaysCurve() throws Exception {
        try (Browser session = Browser.start()) {
            String store = "s-occ-" + UUID.randomUUID().toString().substring(0, 8);
            Instant now = Instant.now();
            KafkaTestClient.send(
                    Topics.VISITS,
                    VisitEvent.occupancyKey(store),
                    EventJson.toJson(VisitEvent.occupancy(store, now.minusSeconds(20), 1, 0)));
            KafkaTestClient.send(
                    Topics.VISITS,
                    VisitEvent.occupancyKey(store),
                    EventJson.toJson(VisitEvent.occupancy(store, now, 3, 2)));
            io.storesight.testsupport.Await.until(
                    "the count of " + store,
                    () -> TestData.admin()
                            .get("/api/v1/reports/occupancy?store=" + store)
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("stores.now.inside")
                            .contains(5));

            WebDriver browser = session.driver();
            WebDriverWait wait = session.logIn(
                    new URL(root, "/dashboard/").toString(),
                    ViewerAndOpenApiTest.VIEWER,
                    ViewerAndOpenApiTest.VIEWER_PASSWORD);

            By card = By.cssSelector(".occupancy-store[data-store='" + store + "']");
            wait.until(ExpectedConditions.presenceOfElementLocated(card));
            WebElement shown = browser.findElement(card);
            wait.until(d ->
                    "5".equals(shown.findElement(By.className("inside-now")).getText()));
            assertThat(shown.findElement(By.className("occupancy-split")).getText())
                    .isEqualTo("3 customers · 2 not recognised");
            assertThat(shown.findElement(By.className("occupancy-time")).getText())
                    .startsWith("as of");
            assertThat(shown.findElements(By.tagName("canvas"))).hasSize(1);
            // The viewer sees the whole read-only dashboard: the reports load too.
            wait.until(d -> Integer.parseInt(d.findElement(By.tagName("body")).getAttribute("data-refreshes")) >= 1);
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("updated");
        }
    }
}
