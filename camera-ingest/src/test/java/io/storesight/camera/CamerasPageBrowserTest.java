package io.storesight.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;
import io.storesight.testsupport.TestLogins;

/** The cameras page in headless Chromium: list, add, a bad source's message, edit, pause, resume, remove. */
@Slow
@QuarkusTest
class CamerasPageBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void withoutASessionThePageSendsToTheLogin() {
        given().accept("text/html")
                .redirects()
                .follow(false)
                .get("/cameras")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("/login.html"));
    }

    @Test
    void addAGoodCameraSeeABadSourcesMessageEditPauseResumeAndRemove() throws Exception {
        try (Browser session = Browser.start()) {
            WebDriver browser = session.driver();
            WebDriverWait wait = session.logIn(
                    new URL(root, "/cameras").toString(), TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD);
            wait.ignoring(StaleElementReferenceException.class);
            // Back to the page that asked for the login, not the landing page (the live view).
            wait.until(ExpectedConditions.urlContains("/cameras"));
            wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-console")));
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
            assertThat(browser.findElement(By.cssSelector("nav [aria-current=page]"))
                            .getText())
                    .isEqualTo("Cameras");

            // A bad source: the API's message shows in the form, next to the field too, and nothing is added.
            fill(browser, "page-bad", "/etc/passwd");
            browser.findElement(By.id("save")).click();
            wait.until(d -> !d.findElement(By.id("form-error")).getText().isEmpty());
            String message = browser.findElement(By.id("form-error")).getText();
            assertThat(message).contains("source");
            assertThat(browser.findElement(By.cssSelector(".field-error[data-field=source]"))
                            .getText())
                    .isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("tr[data-camera=page-bad]")))
                    .isEmpty();
            System.out.println("bad source message: " + message);

            // A good one: listed with its status, and soon a thumbnail of its latest frame.
            browser.findElement(By.id("f-id")).clear();
            fill(browser, "page-cam", TestMedia.imageFolder().toString());
            browser.findElement(By.id("f-loop")).click();
            browser.findElement(By.id("save")).click();
            WebElement row =
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-camera=page-cam]")));
            assertThat(browser.findElement(By.id("form-error")).getText()).isEmpty();
            wait.until(d -> !d.findElements(By.cssSelector("tr[data-camera=page-cam] img.thumb"))
                    .isEmpty());
            wait.until(d -> d.findElement(By.cssSelector("tr[data-camera=page-cam] .state"))
                    .getText()
                    .equals("streaming"));
            String liveLink = wait.until(
                    d -> row(d, "page-cam").findElement(By.linkText("Live")).getAttribute("href"));
            assertThat(liveLink).endsWith("/live#page-cam");

            // Edit: the name changes, the id stays.
            click(wait, "page-cam", "button.edit");
            assertThat(browser.findElement(By.id("f-id")).isEnabled()).isFalse();
            browser.findElement(By.id("f-name")).clear();
            browser.findElement(By.id("f-name")).sendKeys("Front door");
            browser.findElement(By.id("save")).click();
            wait.until(d -> row(d, "page-cam").getText().contains("Front door"));

            // Pause and resume.
            click(wait, "page-cam", "button.pause");
            wait.until(d -> row(d, "page-cam")
                    .findElement(By.cssSelector(".state"))
                    .getText()
                    .equals("paused"));
            click(wait, "page-cam", "button.resume");
            wait.until(d -> !row(d, "page-cam")
                    .findElements(By.cssSelector("button.pause"))
                    .isEmpty());
            wait.until(d -> !row(d, "page-cam")
                    .findElement(By.cssSelector(".state"))
                    .getText()
                    .equals("paused"));

            // Remove: asks first; cancelling keeps it, confirming removes it.
            click(wait, "page-cam", "button.remove");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-confirm-cancel")))
                    .click();
            assertThat(browser.findElements(By.cssSelector("tr[data-camera=page-cam]")))
                    .hasSize(1);
            click(wait, "page-cam", "button.remove");
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-confirm")))
                            .getText())
                    .contains("page-cam");
            browser.findElement(By.id("console-confirm-ok")).click();
            wait.until(d ->
                    d.findElements(By.cssSelector("tr[data-camera=page-cam]")).isEmpty());
            CameraIngestTest.admin().get("/api/v1/cameras/page-cam").then().statusCode(404);
        } finally {
            CameraIngestTest.admin().delete("/api/v1/cameras/page-cam");
        }
    }

    /** Clicks a row's button; the list refreshes every few seconds, so a row found a moment ago may be gone. */
    private static void click(WebDriverWait wait, String camera, String button) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            row(d, camera).findElement(By.cssSelector(button)).click();
            return true;
        });
    }

    private static WebElement row(WebDriver browser, String camera) {
        return browser.findElement(By.cssSelector("tr[data-camera=" + camera + "]"));
    }

    private static void fill(WebDriver browser, String id, String source) {
        browser.findElement(By.id("f-id")).sendKeys(id);
        browser.findElement(By.id("f-source")).clear();
        browser.findElement(By.id("f-source")).sendKeys(source);
        browser.findElement(By.id("f-fps")).clear();
        browser.findElement(By.id("f-fps")).sendKeys("2");
    }
}
