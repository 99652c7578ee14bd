package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/**
 * Issue 18's acceptance "marking staff and seeing footfall change", in headless Chromium ({@link Browser}): the
 * dashboard shows a store's footfall, identity-service marks one of its customers as staff (a CUSTOMER_UPDATED
 * through the broker), and the owner's dashboard shows the footfall without them; unmarking brings it back.
 */
@Slow
@QuarkusTest
class StaffFootfallBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void markingACustomerAsStaffTakesTheirVisitsOutOfTheFootfallShown() throws Exception {
        try (Browser session = Browser.start()) {
            String store = "s-staff-" + UUID.randomUUID().toString().substring(0, 8);
            TestData data = new TestData(store);
            Instant at = Instant.parse("2026-06-03T09:00:00Z");
            String staff = data.customer();
            String customer = data.customer();
            visit(data, staff, 1, at);
            visit(data, staff, 2, at.plusSeconds(86_400));
            visit(data, customer, 1, at.plusSeconds(3_600));
            data.awaitSummary("store=" + store, "visits", 3);

            WebDriver browser = session.driver();
            WebDriverWait wait =
                    session.logIn(new URL(root, "/dashboard/").toString(), TestData.USER, TestData.PASSWORD);
            showStore(wait, store);
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "3"));
            assertThat(browser.findElement(By.id("kpi-uniqueCustomers")).getText())
                    .isEqualTo("2");

            KafkaTestClient.send(Topics.CUSTOMER_EVENTS, staff, EventJson.toJson(data.staff(staff, true)));
            data.awaitSummary("store=" + store, "visits", 1);
            browser.navigate().refresh();
            showStore(wait, store);
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "1"));
            assertThat(browser.findElement(By.id("kpi-uniqueCustomers")).getText())
                    .isEqualTo("1");

            KafkaTestClient.send(Topics.CUSTOMER_EVENTS, staff, EventJson.toJson(data.staff(staff, false)));
            data.awaitSummary("store=" + store, "visits", 3);
            browser.navigate().refresh();
            showStore(wait, store);
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "3"));
        }
    }

    private static void visit(TestData data, String customer, int number, Instant at) {
        KafkaTestClient.send(
                Topics.VISITS,
                customer,
                EventJson.toJson(data.visit(
                        VisitEvent.Type.VISIT_STARTED,
                        customer,
                        "v-" + UUID.randomUUID(),
                        null,
                        null,
                        at,
                        null,
                        "30-39",
                        "FEMALE",
                        "NEW",
                        number,
                        number == 1)));
    }

    /** Waits for the dashboard, then narrows it to the store. */
    private static void showStore(WebDriverWait wait, String store) {
        wait.until(ExpectedConditions.urlContains("/dashboard/"));
        wait.until(d -> new Select(d.findElement(By.id("f-store")))
                .getOptions().stream().anyMatch(o -> store.equals(o.getAttribute("value"))));
        new Select(wait.until(d -> d.findElement(By.id("f-store")))).selectByValue(store);
    }
}
