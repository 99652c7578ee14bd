package io.storesight.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import java.net.URL;
import java.time.Duration;

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
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;

/**
 * The settings page (admin) in a real headless Chromium: the store's settings and the accounts as the server has
 * them (user names, never passwords), the console's links, and this browser's own language and alert sound.
 */
@Slow
@QuarkusTest
class SettingsPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/settings")
    URL page;

    @Test
    void withoutASessionTheSettingsPageSendsTheBrowserToTheLogin() {
        given().redirects()
                .follow(false)
                .accept("text/html")
                .get("/settings")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/login.html"));
    }

    @Test
    void theAdminSeesTheStoreTheLinksAndTheAccountsButNoPassword() {
        try (Browser session = Browser.start()) {
            WebDriver browser = logIn(session);
            assertThat(browser.findElement(By.id("console-nav-settings")).getAttribute("aria-current"))
                    .isEqualTo("page");
            assertThat(browser.findElement(By.id("currency")).getText()).isEqualTo("EUR, 2 decimals: €12,345.50");
            assertThat(browser.findElement(By.id("time-zone")).getText()).startsWith("UTC, now ");
            assertThat(browser.findElement(By.cssSelector("#pages tr[data-page='order'] a"))
                            .getAttribute("href"))
                    .isEqualTo("http://localhost:8084/order");
            assertThat(browser.findElement(By.cssSelector("#pages tr[data-page='dashboard'] a"))
                            .getAttribute("href"))
                    .isEqualTo("http://localhost:8085/dashboard/");
            WebElement admin = new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#accounts tr[data-role='admin'] .user")));
            assertThat(admin.getText()).isEqualTo(TestData.USER);
            assertThat(browser.getPageSource()).doesNotContain(TestData.PASSWORD);
            assertThat(browser.findElement(By.cssSelector("#health li[data-service='sales-service'] a"))
                            .getAttribute("href"))
                    .isEqualTo("http://localhost:8084/q/health");
        }
    }

    @Test
    void theAlertSoundAndTheLanguageAreThisBrowsersAndOutliveAReload() {
        try (Browser session = Browser.start()) {
            WebDriver browser = logIn(session);
            assertThat(browser.findElement(By.id("alert-sound")).isSelected()).isFalse();
            browser.findElement(By.id("alert-sound")).click();
            assertThat(((JavascriptExecutor) browser)
                            .executeScript("return localStorage.getItem('storesight.alertSound')"))
                    .isEqualTo("on");

            WebElement body = browser.findElement(By.tagName("body"));
            new Select(browser.findElement(By.id("language"))).selectByValue("ko");
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(body));
            awaitConsole(browser);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("설정");
            assertThat(browser.findElement(By.id("alert-sound")).isSelected()).isTrue();
            assertThat(browser.findElement(By.id("console-alert-sound")).isSelected())
                    .isTrue();
            assertThat(new Select(browser.findElement(By.id("console-lang")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("ko");
        }
    }

    /** The settings page, logged in as the admin and drawn. */
    private WebDriver logIn(Browser session) {
        session.logIn(page.toString(), TestData.USER, TestData.PASSWORD, WAIT);
        awaitConsole(session.driver());
        return session.driver();
    }

    private static void awaitConsole(WebDriver browser) {
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("body[data-console='ready'][data-page='settings']")));
    }
}
