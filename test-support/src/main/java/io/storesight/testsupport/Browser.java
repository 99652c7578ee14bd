package io.storesight.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser of every browser test: Debian's Chromium, headless, driven through Debian's chromedriver (explicit
 * executables: no test tool may download a browser). The one policy: without them a test is skipped locally with
 * {@link #INSTALL} as the reason, and fails when the environment variable {@code CI} is set, so that CI never passes
 * a browser test it did not run. {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} name other executables.
 */
public final class Browser implements AutoCloseable {
    /** What to run to get the browser; the reason a browser test gives when it cannot run. */
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";

    /** How long {@link #logIn(String, String, String)} and its wait give a page: a first page load can be slow. */
    private static final Duration LOGIN_WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh headless browser with an empty profile, or the test skipped (locally) or failed (CI) without one. */
    public static Browser start() {
        return start(null);
    }

    /** As {@link #start()}, with chromedriver's log written to {@code driverLog}. */
    public static Browser start(Path driverLog) {
        return launch(driverLog, null);
    }

    /**
     * As {@link #start()}, for a user whose browser asks for {@code languages} first (an Accept-Language list such
     * as {@code "ko-KR,ko"}): what pages read as {@code navigator.languages}.
     */
    public static Browser startIn(String languages) {
        return launch(null, languages);
    }

    private static Browser launch(Path driverLog, String languages) {
        Optional<Path> chromium = executable("CHROMIUM_BIN", "chromium", "chromium-browser");
        Optional<Path> chromedriver = executable("CHROMEDRIVER_BIN", "chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String reason = "headless Chromium and chromedriver are needed for this test: " + INSTALL;
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
                throw new AssertionError(reason + " (CI is set, so a missing browser fails instead of skipping)");
            }
            Assumptions.abort(reason);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("storesight-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without the background-networking flags Chromium tries to reach Google's hosts, which a closed network
        // refuses.
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-dev-shm-usage",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + profile);
        if (languages != null) {
            options.addArguments("--lang=" + languages.split(",")[0], "--accept-lang=" + languages);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        }
        ChromeDriverService.Builder service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort();
        if (driverLog != null) {
            service.withLogFile(driverLog.toFile());
        }
        try {
            return new Browser(new ChromeDriver(service.build(), options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Logs in through the console's one login form (service-common's {@code /login.html}) on the way to
     * {@code pageUrl}: opens the page, which sends a browser without a session to the form, types {@code user} and
     * {@code password}, and waits until the browser has left the form, for the page that asked for the login (or
     * the service's landing page). The page's own readiness ({@code data-console}, {@code data-loaded}, ...) differs
     * from page to page, so it is the caller's to wait for. A wrong password never leaves the form and times out
     * here: a test of a failed login types it itself.
     *
     * @return a 30-second wait on this browser, for the caller to go on with
     */
    public WebDriverWait logIn(String pageUrl, String user, String password) {
        return logIn(pageUrl, user, password, LOGIN_WAIT);
    }

    /** As {@link #logIn(String, String, String)}, with {@code timeout} for the login and for the returned wait. */
    public WebDriverWait logIn(String pageUrl, String user, String password, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        driver.get(pageUrl);
        wait.until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        // The click only posts the form: until the answer arrives the browser still shows it.
        wait.until(d -> !d.getCurrentUrl().contains("/login.html"));
        return wait;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    /** The executable the variable names, else the first of {@code names} on the PATH. */
    private static Optional<Path> executable(String variable, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of(names)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless.
        }
    }
}
