package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/** Headless Chromium ({@link Browser}): log in through the form, filter the dashboard, watch the KPI tiles follow. */
@Slow
@QuarkusTest
class DashboardBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void logInChangeAFilterAndSeeTheNumbersChange() throws Exception {
        // The browser first: without one the test is skipped (or fails in CI) before it sends anything.
        try (Browser session = Browser.start()) {
            String store = "s-ui-" + UUID.randomUUID().toString().substring(0, 8);
            TestData data = new TestData(store);
            Instant at = Instant.parse("2026-06-01T10:00:00Z");
            String[] genders = { "FEMALE", "FEMALE", "FEMALE", "MALE", "MALE" };
            for (int i = 0; i < genders.length; i++) {
                String customer = data.customer();
                KafkaTestClient.send(Topics.VISITS, customer, EventJson.toJson(data.visitStarted(customer,
                        "v-" + store + "-" + i, at.plusSeconds(600L * i), "30-39", genders[i], "NEW")));
            }
            data.awaitSummary("store=" + store, "visits", 5);

            WebDriver browser = session.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(new URL(root, "/dashboard/").toString());
            wait.until(ExpectedConditions.urlContains("/login.html"));
            browser.findElement(By.id("username")).sendKeys(TestData.USER);
            browser.findElement(By.id("password")).sendKeys(TestData.PASSWORD);
            browser.findElement(By.id("login")).click();
            wait.until(ExpectedConditions.urlContains("/dashboard/"));
            wait.until(d -> Integer.parseInt(d.findElement(By.tagName("body")).getAttribute("data-refreshes")) >= 1);
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("updated");

            wait.until(d -> new Select(d.findElement(By.id("f-store"))).getOptions().stream()
                    .anyMatch(o -> store.equals(o.getAttribute("value"))));
            new Select(browser.findElement(By.id("f-store"))).selectByValue(store);
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "5"));
            assertThat(browser.findElement(By.id("kpi-uniqueCustomers")).getText()).isEqualTo("5");

            new Select(browser.findElement(By.id("f-gender"))).selectByValue("FEMALE");
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "3"));
            new Select(browser.findElement(By.id("f-gender"))).selectByValue("MALE");
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "2"));
            // The charts come from the bundled Chart.js, not a CDN.
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return typeof Chart")).isEqualTo("function");
            assertThat(browser.findElement(By.id("heatmap")).getText()).contains("Mon");
        }
    }

    @Test
    void withoutLoginTheDashboardPageIsNotServed() throws Exception {
        assertThat(Arrays.asList(new String(new URL(root, "/dashboard/app.js").openStream().readAllBytes())
                .split("\n"))).noneMatch(line -> line.contains("renderSummary"));
    }
}
