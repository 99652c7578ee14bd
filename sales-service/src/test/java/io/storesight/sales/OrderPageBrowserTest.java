package io.storesight.sales;

import static io.storesight.sales.Fixtures.admin;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/**
 * Staff use the order page in a real headless Chromium ({@link Browser}: skipped locally without it, failed in CI),
 * after logging in with the staff account.
 */
@Slow
@QuarkusTest
class OrderPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/order")
    URL page;

    @Inject
    DataSource dataSource;

    private Browser session;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        session = Browser.start();
        browser = session.driver();
        // Ordering is closed by default: the page sends staff to the login form, and back to itself after it.
        session.logIn(page.toString(), Fixtures.STAFF_USER, Fixtures.STAFF_PASSWORD, WAIT);
        awaitConsole();
    }

    /** The page is usable once the console shell has loaded its settings and the page has drawn its prices. */
    private void awaitConsole() {
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("body[data-console='ready'] main.order")));
    }

    @AfterEach
    void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void staffOrderTwoItemsAndTheOrderIsStoredAndPublished() {
        try (var topic = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            browser.get(page.toString());
            awaitConsole();
            browser.findElement(By.cssSelector("button.item[data-id='cafe-latte']"))
                    .click();
            browser.findElement(By.cssSelector("button.item[data-id='cafe-latte']"))
                    .click();
            // The second item by keyboard: focus it and press Enter.
            browser.findElement(By.cssSelector("button.item[data-id='blueberry-muffin']"))
                    .sendKeys(Keys.ENTER);
            assertThat(browser.findElements(By.cssSelector("#lines li"))).hasSize(2);
            assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("€10.30");

            browser.findElement(By.id("submit")).click();
            WebElement confirmation = new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
            String orderId = confirmation.getAttribute("data-order-id");
            assertThat(confirmation.getText()).matches("Order #\\d+");
            assertThat(browser.findElement(By.id("message")).getText()).contains("placed — total €10.30");
            assertThat(browser.findElements(By.cssSelector("#lines li"))).isEmpty();

            assertThat(count(dataSource, "SELECT COUNT(*) FROM orders WHERE id = ? AND total = '10.30'", orderId))
                    .isEqualTo(1);
            assertThat(count(dataSource, "SELECT SUM(quantity) FROM order_items WHERE order_id = ?", orderId))
                    .isEqualTo(3);
            admin().get("/api/v1/orders/" + orderId)
                    .then()
                    .statusCode(200)
                    .body(
                            "number",
                            equalTo(Integer.parseInt(confirmation.getText().substring(7))));

            OrderEvent event = EventJson.fromBytes(
                    topic.await(1, WAIT, r -> orderId.equals(r.key())).get(0).value(), OrderEvent.class);
            assertThat(event.type()).isEqualTo(OrderEvent.Type.ORDER_PLACED);
            assertThat(event.items())
                    .extracting(OrderEvent.Item::menuItemId)
                    .containsExactlyInAnyOrder("cafe-latte", "blueberry-muffin");
        }
    }

    @Test
    void anItemThatBecameUnavailableIsNamedAndNothingIsOrdered() {
        String id = "browser-special";
        admin().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"Pumpkin Spice Latte\","
                        + "\"category\":\"coffee\",\"price\":4.60}")
                .post("/api/v1/menu")
                .then()
                .statusCode(201);
        try {
            browser.get(page.toString());
            awaitConsole();
            admin().contentType(ContentType.JSON)
                    .body("{\"name\":\"Pumpkin Spice Latte\",\"category\":\"coffee\","
                            + "\"price\":4.60,\"active\":false}")
                    .put("/api/v1/menu/" + id)
                    .then()
                    .statusCode(200);
            long before = count(dataSource, "SELECT COUNT(*) FROM orders");

            browser.findElement(By.cssSelector("button.item[data-id='" + id + "']"))
                    .click();
            browser.findElement(By.cssSelector("button.item[data-id='espresso']"))
                    .click();
            browser.findElement(By.id("submit")).click();
            WebElement message = new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#message.error")));
            assertThat(message.getText()).contains("Pumpkin Spice Latte is no longer available");
            assertThat(browser.findElement(By.cssSelector("#lines li.unavailable"))
                            .getAttribute("data-id"))
                    .isEqualTo(id);
            assertThat(count(dataSource, "SELECT COUNT(*) FROM orders")).isEqualTo(before);
        } finally {
            admin().delete("/api/v1/menu/" + id);
        }
    }

    /** Item 6: markup in a menu category and an item name is shown as text, and no script of it runs. */
    @Test
    void markupInTheMenuIsShownAsTextAndNothingRuns() {
        String payload = "\"><img src=x onerror=window.__xss=1>";
        String id = "browser-markup";
        admin().contentType(ContentType.JSON)
                .body(java.util.Map.of("id", id, "name", "Tea " + payload, "category", payload, "price", 2.5))
                .post("/api/v1/menu")
                .then()
                .statusCode(201);
        try {
            // A store id with markup never gets in: the order is refused.
            Fixtures.json()
                    .body(java.util.Map.of(
                            "storeId",
                            payload,
                            "items",
                            java.util.List.of(java.util.Map.of("menuItemId", "espresso", "quantity", 1))))
                    .post("/api/v1/orders")
                    .then()
                    .statusCode(400)
                    .body("details.storeId", org.hamcrest.Matchers.containsString("letters"));
            browser.get(page.toString());
            awaitConsole();
            WebElement item = new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("button.item[data-id='" + id + "']")));
            assertThat(browser.findElements(By.cssSelector("h2.category")))
                    .anyMatch(h -> payload.equals(h.getAttribute("textContent")));
            assertThat(item.getAttribute("data-name")).isEqualTo("Tea " + payload);
            item.click();
            assertThat(browser.findElement(By.cssSelector("#lines li .name")).getText())
                    .isEqualTo("Tea " + payload);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(js.executeScript("return document.querySelectorAll('img').length"))
                    .isEqualTo(0L);
        } finally {
            admin().delete("/api/v1/menu/" + id);
        }
    }
}
