package io.storesight.sales;

import static io.storesight.sales.Fixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/**
 * The menu admin page as a console page in a real headless Chromium: the navigation bar, the API's error text in
 * the page, a confirmation before deleting, recent orders with amounts in the store's currency.
 */
@Slow
@QuarkusTest
class AdminPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/admin")
    URL page;

    @Test
    void theAdminEditsTheMenuThroughTheConsoleAndConfirmsBeforeDeleting() {
        String id = "admin-browser-tea";
        admin().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Green Tea", "category", "tea", "price", 3.1))
                .post("/api/v1/menu")
                .then()
                .statusCode(201);
        String order = Fixtures.json()
                .body(Fixtures.order(id, "2"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (Browser session = Browser.start()) {
            WebDriver browser = session.driver();
            WebDriverWait wait = session.logIn(page.toString(), Fixtures.ADMIN_USER, Fixtures.ADMIN_PASSWORD, WAIT);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-console='ready']")));

            assertThat(browser.findElement(By.id("console-nav-menu")).getAttribute("aria-current"))
                    .isEqualTo("page");
            assertThat(browser.findElements(By.cssSelector("#console-nav a")))
                    .extracting(WebElement::getText)
                    .contains("Dashboard", "Menu", "Order page", "Settings");

            // The recent orders: the amount in the store's currency, the status in words.
            WebElement row = wait.until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#orders tr[data-id='" + order + "']")));
            assertThat(row.findElement(By.cssSelector(".amount")).getText()).isEqualTo("€6.20");
            assertThat(row.getText()).contains("placed");

            // A price with too many decimals: the API's own message shows in the page.
            WebElement tea = browser.findElement(By.cssSelector("#items tr[data-id='" + id + "']"));
            WebElement price = tea.findElement(By.name("price"));
            assertThat(price.getAttribute("aria-label")).isEqualTo("Price of " + id);
            price.clear();
            price.sendKeys("3.105");
            tea.findElement(By.cssSelector("[data-action='save']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#message.error"), "at most 2 decimal places in EUR"));

            // Deleting asks first: cancel keeps the item, OK deletes it.
            tea.findElement(By.cssSelector("[data-action='delete']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-confirm-cancel")))
                    .click();
            assertThat(admin().get("/api/v1/menu/" + id).statusCode()).isEqualTo(200);
            tea.findElement(By.cssSelector("[data-action='delete']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-confirm-ok")))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Deleted " + id));
            assertThat(browser.findElements(By.cssSelector("#items tr[data-id='" + id + "']")))
                    .isEmpty();
        } finally {
            admin().delete("/api/v1/menu/" + id);
        }
    }
}
