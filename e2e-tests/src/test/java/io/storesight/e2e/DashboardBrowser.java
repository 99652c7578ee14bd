package io.storesight.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.storesight.testsupport.Browser;

/**
 * Headless Chromium ({@link Browser}: skipped locally without it, failed in CI) logs into the analytics dashboard with
 * the admin form and reads the KPI tiles.
 */
final class DashboardBrowser {

    /** The KPI tiles the test checks, as the page shows them. */
    record Totals(int visits, int uniqueCustomers, int orders, String revenue) {}

    private DashboardBrowser() {}

    /** The browser, started before anything else of the test: where none is installed the test skips there. */
    static Browser start(Path logs) {
        return Browser.start(logs.resolve("chromedriver.log"));
    }

    static Totals readTotals(Browser browser, String baseUrl, String user, String password, Path logs) {
        WebDriver driver = browser.driver();
        try {
            WebDriverWait wait = browser.logIn(baseUrl + "/dashboard/", user, password);
            // The tiles fill in from the reports API after the page loads ("–" until then).
            wait.until(d -> {
                WebElement tile = first(d, By.id("kpi-orders"));
                return tile != null && tile.getText().matches("\\d+") ? tile : null;
            });
            screenshot(driver, logs.resolve("dashboard.png"));
            return new Totals(
                    tile(driver, "kpi-visits"),
                    tile(driver, "kpi-uniqueCustomers"),
                    tile(driver, "kpi-orders"),
                    driver.findElement(By.id("kpi-revenue")).getText());
        } catch (RuntimeException e) {
            screenshot(driver, logs.resolve("dashboard-failure.png"));
            throw new AssertionError(
                    "dashboard at " + baseUrl + ": " + e.getMessage() + "\npage text:\n" + safeText(driver), e);
        }
    }

    private static WebElement first(WebDriver driver, By by) {
        return driver.findElements(by).stream().findFirst().orElse(null);
    }

    private static int tile(WebDriver driver, String id) {
        String text = driver.findElement(By.id(id)).getText().trim();
        if (!text.matches("\\d+")) {
            throw new AssertionError("tile " + id + " shows '" + text + "', not a count");
        }
        return Integer.parseInt(text);
    }

    private static String safeText(WebDriver driver) {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void screenshot(WebDriver driver, Path file) {
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException | IOException e) {
            // A missing screenshot must not hide the real failure.
        }
    }
}
