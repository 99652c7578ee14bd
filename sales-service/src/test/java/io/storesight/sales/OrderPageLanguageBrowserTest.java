package io.storesight.sales;

import static io.storesight.sales.Fixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/**
 * The order page follows the browser's language (Korean, else English) and the store's currency (here KRW,
 * {@code STORESIGHT_STORE_CURRENCY=KRW}: whole won, no decimals), in a real headless Chromium.
 */
@Slow
@QuarkusTest
@TestProfile(OrderPageLanguageBrowserTest.Won.class)
class OrderPageLanguageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A Korean café: prices in won, its own menu. */
    public static class Won implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "storesight.store.currency",
                    "KRW",
                    "storesight.store.time-zone",
                    "Asia/Seoul",
                    "storesight.sales.seed-menu",
                    "false");
        }
    }

    @TestHTTPResource("/order")
    URL page;

    @BeforeEach
    void menuInWon() {
        item("americano", "아메리카노", "coffee", 4500);
        item("croissant", "크루아상", "bakery", 3800);
    }

    /** The item as this test needs it, whatever an earlier test class left in the shared database. */
    private static void item(String id, String name, String category, int price) {
        Map<String, Object> body = Map.of("id", id, "name", name, "category", category, "price", price, "active", true);
        if (admin().get("/api/v1/menu/" + id).statusCode() == 404) {
            admin().contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/menu")
                    .then()
                    .statusCode(201);
        } else {
            admin().contentType(ContentType.JSON)
                    .body(body)
                    .put("/api/v1/menu/" + id)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void inKoreanTheOrderPageSpeaksKoreanAndShowsWonWithoutDecimals() {
        try (Browser session = Browser.startIn("ko-KR,ko")) {
            WebDriver browser = logIn(session);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("ko");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("새 주문");
            assertThat(browser.findElement(By.id("submit")).getText()).isEqualTo("주문하기");
            assertThat(browser.findElement(By.id("console-nav-order")).getText())
                    .isEqualTo("주문");
            assertThat(price(browser, "americano")).isEqualTo("₩4,500");
            assertThat(price(browser, "croissant")).isEqualTo("₩3,800");

            browser.findElement(By.cssSelector("button.item[data-id='americano']"))
                    .click();
            browser.findElement(By.cssSelector("button.item[data-id='americano']"))
                    .click();
            browser.findElement(By.cssSelector("button.item[data-id='croissant']"))
                    .click();
            assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("₩12,800");
            assertThat(browser.findElement(By.cssSelector("#lines li .amount")).getText())
                    .isEqualTo("₩9,000");
            assertThat(browser.findElement(By.cssSelector("button[data-action='more']"))
                            .getAttribute("aria-label"))
                    .isEqualTo("아메리카노 하나 더");

            browser.findElement(By.id("submit")).click();
            WebElement confirmation = new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
            assertThat(confirmation.getText()).matches("주문 #\\d+");
            assertThat(browser.findElement(By.id("message")).getText()).endsWith("접수됨 — 합계 ₩12,800");
            admin().get("/api/v1/orders/" + confirmation.getAttribute("data-order-id"))
                    .then()
                    .statusCode(200)
                    .body("currency", org.hamcrest.Matchers.equalTo("KRW"));
        }
    }

    @Test
    void aBrowserInAnotherLanguageGetsEnglish() {
        try (Browser session = Browser.startIn("de-DE,de")) {
            WebDriver browser = logIn(session);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("en");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("New order");
            assertThat(browser.findElement(By.id("console-nav-order")).getText())
                    .isEqualTo("Order page");
            assertThat(price(browser, "americano")).isEqualTo("₩4,500");
        }
    }

    @Test
    void theLanguageChosenInTheBarStaysChosenAcrossPagesUntilAutoIsChosen() {
        try (Browser session = Browser.startIn("ko-KR,ko")) {
            WebDriver browser = logIn(session);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("새 주문");

            choose(browser, "en");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("New order");
            assertThat(((JavascriptExecutor) browser).executeScript("return localStorage.getItem('storesight.lang')"))
                    .isEqualTo("en");
            // Another visit (as after closing the tab) keeps the choice.
            browser.get(page.toString());
            awaitConsole(browser);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("New order");
            assertThat(new Select(browser.findElement(By.id("console-lang")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("en");

            choose(browser, "auto");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("새 주문");
        }
    }

    /** The order page, logged in as staff and drawn. */
    private WebDriver logIn(Browser session) {
        session.logIn(page.toString(), Fixtures.STAFF_USER, Fixtures.STAFF_PASSWORD, WAIT);
        awaitConsole(session.driver());
        return session.driver();
    }

    private static void awaitConsole(WebDriver browser) {
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("body[data-console='ready'] main.order")));
    }

    /** Picks a language in the bar; the page reloads in it. */
    private static void choose(WebDriver browser, String language) {
        WebElement before = browser.findElement(By.tagName("body"));
        new Select(browser.findElement(By.id("console-lang"))).selectByValue(language);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(before));
        awaitConsole(browser);
    }

    private static String price(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("button.item[data-id='" + id + "'] .price"))
                .getText();
    }
}
