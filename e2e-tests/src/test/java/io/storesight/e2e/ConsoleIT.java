package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.storesight.testsupport.Browser;

/**
 * The console across the packaged services: one login on one service opens every page of every service through the
 * navigation bar; without a session every page sends the browser to the login and every API answers 401; one
 * logout ends the session everywhere.
 */
class ConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A browser's HTTP/1.1 without a cookie jar, redirects not followed: the answers are the test's to read. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Every link of the navigation bar, in its order. */
    private static final List<String> NAV_LINKS =
            List.of("dashboard", "live", "customers", "cameras", "menu", "order", "settings");
    /** Every console page, with the service that serves it and its path. */
    private static final Map<String, Page> PAGES = pages();
    /** The pages that carry the shell's navigation bar, visited by clicking through it. */
    private static final List<String> CONSOLE_PAGES =
            List.of("dashboard", "order", "menu", "settings", "customers", "cameras", "live");

    record Page(Service service, String path) {}

    private static Map<String, Page> pages() {
        Map<String, Page> pages = new LinkedHashMap<>();
        pages.put("dashboard", new Page(Service.ANALYTICS, "/dashboard/"));
        pages.put("settings", new Page(Service.ANALYTICS, "/settings"));
        pages.put("order", new Page(Service.SALES, "/order"));
        pages.put("menu", new Page(Service.SALES, "/admin"));
        pages.put("live", new Page(Service.CAMERA_INGEST, "/live"));
        pages.put("customers", new Page(Service.IDENTITY, "/customers"));
        pages.put("cameras", new Page(Service.CAMERA_INGEST, "/cameras"));
        return pages;
    }

    @Test
    void oneLoginOpensEveryPageOfEveryServiceAndWithoutItEachSendsToTheLogin() throws Exception {
        Path logs = Files.createDirectories(Path.of(System.getProperty("e2e.logs", "target/e2e-logs"), "console"));
        try (Browser browser = Browser.start(logs.resolve("chromedriver.log"));
                Stack stack = new Stack("console", Map.of())) {
            stack.startOnly(Service.CAMERA_INGEST, Service.IDENTITY, Service.SALES, Service.ANALYTICS);
            try {
                for (Map.Entry<String, Page> page : PAGES.entrySet()) {
                    String url = url(stack, page.getValue());
                    HttpResponse<String> answer = get(url, null, "text/html");
                    assertThat(answer.statusCode())
                            .as("%s without a session", url)
                            .isIn(302, 303);
                    assertThat(answer.headers().firstValue("Location"))
                            .as("%s's redirect", url)
                            .get()
                            .asString()
                            .contains("/login.html");
                }
                for (Service service :
                        List.of(Service.CAMERA_INGEST, Service.IDENTITY, Service.SALES, Service.ANALYTICS)) {
                    assertThat(get(stack.url(service) + "/console/settings", null, "application/json")
                                    .statusCode())
                            .as("%s's console settings without a session", service.module)
                            .isEqualTo(401);
                }

                WebDriver driver = browser.driver();
                // The one login: on analytics-api, through its dashboard.
                WebDriverWait wait = browser.logIn(
                        url(stack, PAGES.get("dashboard")), Stack.ADMIN_USER, stack.adminPassword(), WAIT);
                awaitConsolePage(wait, "dashboard");
                assertThat(driver.findElements(By.cssSelector("#console-nav .console-links a")))
                        .extracting(a -> a.getAttribute("id"))
                        .containsExactlyElementsOf(NAV_LINKS.stream()
                                .map(name -> "console-nav-" + name)
                                .toList());
                for (String name : NAV_LINKS) {
                    Page page = PAGES.get(name);
                    if (page != null) {
                        assertThat(driver.findElement(By.id("console-nav-" + name))
                                        .getAttribute("href"))
                                .as("the bar's link to %s", name)
                                .isEqualTo(url(stack, page));
                    }
                }

                // Across the services through the bar, never asked to log in again.
                for (String name : CONSOLE_PAGES.subList(1, CONSOLE_PAGES.size())) {
                    driver.findElement(By.id("console-nav-" + name)).click();
                    awaitConsolePage(wait, name);
                    assertThat(driver.getCurrentUrl())
                            .as("%s", name)
                            .startsWith(url(stack, PAGES.get(name)))
                            .doesNotContain("/login.html");
                    assertThat(driver.findElement(By.id("console-nav-" + name)).getAttribute("aria-current"))
                            .isEqualTo("page");
                }
                driver.findElement(By.id("console-nav-dashboard")).click();
                awaitConsolePage(wait, "dashboard");

                // The same session, as a plain HTTP client: every page answers HTML.
                Cookie session = driver.manage().getCookieNamed("quarkus-credential");
                assertThat(session).as("the form login's cookie").isNotNull();
                for (Map.Entry<String, Page> page : PAGES.entrySet()) {
                    String url = url(stack, page.getValue());
                    HttpResponse<String> answer = get(url, session.getName() + "=" + session.getValue(), "text/html");
                    assertThat(answer.statusCode())
                            .as("%s with the session", url)
                            .isEqualTo(200);
                    assertThat(answer.headers().firstValue("Content-Type"))
                            .get()
                            .asString()
                            .contains("text/html");
                    assertThat(answer.body()).as("%s", url).containsIgnoringCase("<html");
                }
                for (String name : PAGES.keySet()) {
                    driver.get(url(stack, PAGES.get(name)));
                    wait.until(d -> "complete"
                            .equals(((org.openqa.selenium.JavascriptExecutor) d)
                                    .executeScript("return document.readyState")));
                    assertThat(driver.getCurrentUrl())
                            .as("%s in the browser", name)
                            .doesNotContain("/login.html");
                }

                // One logout, on sales-service, ends the session on analytics-api too.
                driver.get(url(stack, PAGES.get("order")));
                awaitConsolePage(wait, "order");
                driver.findElement(By.id("console-logout")).click();
                wait.until(ExpectedConditions.urlContains("/login.html"));
                driver.get(url(stack, PAGES.get("settings")));
                wait.until(ExpectedConditions.urlContains("/login.html"));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + stack.logTails(40), e);
            }
        }
    }

    private static String url(Stack stack, Page page) {
        return stack.url(page.service()) + page.path();
    }

    private static void awaitConsolePage(WebDriverWait wait, String page) {
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("body[data-console='ready'][data-page='" + page + "']")));
    }

    private static HttpResponse<String> get(String url, String cookie, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", accept)
                .GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
