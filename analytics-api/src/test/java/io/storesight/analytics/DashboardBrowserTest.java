package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.analytics.service.IngestService;
import io.storesight.common.persistence.Writer;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/** Headless Chromium ({@link Browser}): log in through the form, filter the dashboard, watch the KPI tiles follow. */
@Slow
@QuarkusTest
class DashboardBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Inject
    Writer writer;

    @Inject
    IngestService ingest;

    @Test
    void logInChangeAFilterAndSeeTheNumbersChange() throws Exception {
        // The browser first: without one the test is skipped (or fails in CI) before it sends anything.
        try (Browser session = Browser.start()) {
            String store = "s-ui-" + UUID.randomUUID().toString().substring(0, 8);
            TestData data = new TestData(store);
            Instant at = Instant.parse("2026-06-01T10:00:00Z");
            String[] genders = {"FEMALE", "FEMALE", "FEMALE", "MALE", "MALE"};
            for (int i = 0; i < genders.length; i++) {
                String customer = data.customer();
                KafkaTestClient.send(
                        Topics.VISITS,
                        customer,
                        EventJson.toJson(data.visitStarted(
                                customer,
                                "v-" + store + "-" + i,
                                at.plusSeconds(600L * i),
                                "30-39",
                                genders[i],
                                "NEW")));
            }
            data.awaitSummary("store=" + store, "visits", 5);

            WebDriver browser = session.driver();
            WebDriverWait wait =
                    session.logIn(new URL(root, "/dashboard/").toString(), TestData.USER, TestData.PASSWORD);
            wait.until(ExpectedConditions.urlContains("/dashboard/"));
            wait.until(d -> Integer.parseInt(d.findElement(By.tagName("body")).getAttribute("data-refreshes")) >= 1);
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("updated");

            wait.until(d -> new Select(d.findElement(By.id("f-store")))
                    .getOptions().stream().anyMatch(o -> store.equals(o.getAttribute("value"))));
            new Select(browser.findElement(By.id("f-store"))).selectByValue(store);
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "5"));
            assertThat(browser.findElement(By.id("kpi-uniqueCustomers")).getText())
                    .isEqualTo("5");

            new Select(browser.findElement(By.id("f-gender"))).selectByValue("FEMALE");
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "3"));
            new Select(browser.findElement(By.id("f-gender"))).selectByValue("MALE");
            wait.until(ExpectedConditions.textToBe(By.id("kpi-visits"), "2"));
            // The charts come from the bundled Chart.js, not a CDN.
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return typeof Chart"))
                    .isEqualTo("function");
            assertThat(browser.findElement(By.id("heatmap")).getText()).contains("Mon");
        }
    }

    /**
     * Item 6: a store id and a menu category holding markup are shown as text, in options, tables and attributes,
     * and none of it runs. The store id stands for a row written before ids were checked: an event carrying it now
     * goes to the dead letters, and a filter naming it is a 400.
     */
    @Test
    void markupInAStoreIdAndAMenuCategoryIsShownAsTextAndNothingRuns() throws Exception {
        try (Browser session = Browser.start()) {
            String payload = "\"><img src=x onerror=window.__xss=1>";
            Instant at = Instant.parse("2026-06-02T11:00:00Z");
            TestData legacy = new TestData(payload);
            writer.run(afterCommit -> {
                ingest.apply(legacy.visitStarted(
                        legacy.customer(), "v-legacy-" + UUID.randomUUID(), at, "20-29", "FEMALE", "NEW"));
                ingest.completeBatch();
            });
            try (TopicReader dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.VISITS))) {
                String rejected = EventJson.toJson(
                        legacy.visitStarted(legacy.customer(), "v-rejected", at, "20-29", "FEMALE", "NEW"));
                KafkaTestClient.send(Topics.VISITS, "k", rejected);
                assertThat(dlq.await(1, Duration.ofSeconds(30), r -> rejected.equals(KafkaTestClient.text(r.value()))))
                        .hasSize(1);
            }
            TestData.admin()
                    .get("/api/v1/reports/summary?store="
                            + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8))
                    .then()
                    .statusCode(400);

            String store = "s-xss-" + UUID.randomUUID().toString().substring(0, 8);
            TestData data = new TestData(store);
            KafkaTestClient.send(
                    Topics.ORDERS,
                    "o-" + store,
                    EventJson.toJson(data.order(
                            "o-" + store,
                            at,
                            List.of(new OrderEvent.Item(
                                    "m-xss", "Tea " + payload, payload, 2, new BigDecimal("2.50"))))));
            data.awaitSummary("store=" + store, "orders", 1);

            WebDriver browser = session.driver();
            WebDriverWait wait =
                    session.logIn(new URL(root, "/dashboard/").toString(), TestData.USER, TestData.PASSWORD);
            wait.until(d -> new Select(d.findElement(By.id("f-store")))
                    .getOptions().stream()
                            .anyMatch(o -> payload.equals(o.getAttribute("value")) && payload.equals(o.getText())));
            wait.until(d -> new Select(d.findElement(By.id("f-category")))
                    .getOptions().stream().anyMatch(o -> payload.equals(o.getAttribute("value"))));
            new Select(browser.findElement(By.id("f-category"))).selectByValue(payload);
            wait.until(d -> d.findElement(By.id("top-items")).getText().contains("Tea " + payload));
            assertThat(browser.findElement(By.id("item-age-matrix")).getText()).contains("Tea " + payload);

            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(js.executeScript("return document.querySelectorAll('img').length"))
                    .isEqualTo(0L);
        }
    }

    @Test
    void inKoreanTheDashboardSpeaksKoreanAndShowsAmountsInTheStoresCurrency() throws Exception {
        try (Browser session = Browser.startIn("ko-KR,ko")) {
            String store = "s-ko-" + UUID.randomUUID().toString().substring(0, 8);
            TestData data = new TestData(store);
            Instant at = Instant.parse("2026-06-03T09:00:00Z");
            String customer = data.customer();
            // The store filter lists the stores that had visits.
            KafkaTestClient.send(
                    Topics.VISITS,
                    customer,
                    EventJson.toJson(data.visitStarted(customer, "v-" + store, at, "30-39", "FEMALE", "NEW")));
            KafkaTestClient.send(
                    Topics.ORDERS,
                    "o-" + store,
                    EventJson.toJson(data.order(
                            "o-" + store,
                            at.plusSeconds(60),
                            List.of(new OrderEvent.Item("m-ko", "Yuzu Tea", "tea", 2, new BigDecimal("2.50"))))));
            data.awaitSummary("store=" + store, "visits", 1);
            data.awaitSummary("store=" + store, "orders", 1);

            WebDriver browser = session.driver();
            WebDriverWait wait =
                    session.logIn(new URL(root, "/dashboard/").toString(), TestData.USER, TestData.PASSWORD);
            wait.until(d -> Integer.parseInt(d.findElement(By.tagName("body")).getAttribute("data-refreshes")) >= 1);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("StoreSight 분석");
            assertThat(browser.findElement(By.id("console-nav-dashboard")).getText())
                    .isEqualTo("대시보드");
            assertThat(browser.findElement(By.id("status")).getText()).endsWith("업데이트");
            wait.until(d -> new Select(d.findElement(By.id("f-store")))
                    .getOptions().stream().anyMatch(o -> store.equals(o.getAttribute("value"))));
            assertThat(new Select(browser.findElement(By.id("f-store")))
                            .getOptions()
                            .get(0)
                            .getText())
                    .isEqualTo("전체");
            new Select(browser.findElement(By.id("f-store"))).selectByValue(store);
            wait.until(ExpectedConditions.textToBe(By.id("kpi-revenue"), "€5.00"));
            assertThat(browser.findElement(By.id("heatmap")).getText()).contains("월");
        }
    }

    @Test
    void withoutLoginTheDashboardPageIsNotServed() throws Exception {
        assertThat(Arrays.asList(new String(
                                new URL(root, "/dashboard/app.js").openStream().readAllBytes())
                        .split("\n")))
                .noneMatch(line -> line.contains("renderSummary"));
    }
}
