package io.storesight.camera;

import static io.storesight.camera.CameraIngestTest.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Browser;
import io.storesight.testsupport.Slow;
import io.storesight.testsupport.TestLogins;

/**
 * The live page in headless Chromium: a frame with two people, each named with their own customer (label or id,
 * tier, VIP star, age band, gender), and a third face shown as a visitor, as identity-service publishes them.
 */
@Slow
@QuarkusTest
class LiveViewBrowserTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void everyFaceOfATwoPersonFrameIsLabelledWithItsOwnCustomer() throws Exception {
        try (Browser session = Browser.start();
                var frames = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            admin().body(Map.of(
                            "id",
                            "live-two",
                            "source",
                            TestMedia.imageFolder().toString(),
                            "fps",
                            2,
                            "loop",
                            true,
                            "maxLongSide",
                            640,
                            "role",
                            "counter"))
                    .post("/api/v1/cameras")
                    .then()
                    .statusCode(201);
            FrameHeaders.FrameMetadata frame = FrameHeaders.FrameMetadata.readFrom(
                    frames.await(1, Duration.ofSeconds(30), CameraIngestTest.camera("live-two"))
                            .get(0)
                            .headers());
            float w = frame.width() / 5f;
            FaceIdentityEvent identities = FaceIdentityEvent.of(
                    FaceObservationEvent.eventIdFor(frame.frameId()),
                    frame.frameId(),
                    "live-two",
                    "store-1",
                    frame.captureTime(),
                    frame.width(),
                    frame.height(),
                    List.of(
                            FaceIdentityEvent.Face.customer(
                                    0,
                                    new FaceObservationEvent.Box(w * 0.2f, 40, w, w),
                                    "c-ann",
                                    "Ms Kim",
                                    "VIP",
                                    true,
                                    false,
                                    "30-39",
                                    "FEMALE"),
                            FaceIdentityEvent.Face.customer(
                                    1,
                                    new FaceObservationEvent.Box(w * 2, 40, w, w),
                                    "c-ben",
                                    null,
                                    "REGULAR",
                                    false,
                                    false,
                                    "40-49",
                                    "MALE"),
                            FaceIdentityEvent.Face.unnamed(
                                    2,
                                    new FaceObservationEvent.Box(w * 3.6f, 40, w, w),
                                    FaceIdentityEvent.Status.VISITOR,
                                    "20-29",
                                    "FEMALE")),
                    Instant.now());

            WebDriver browser = session.driver();
            WebDriverWait wait =
                    session.logIn(new URL(root, "/live").toString(), TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD);
            wait.until(ExpectedConditions.urlContains("/live"));
            wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-console")));
            assertThat(browser.findElement(By.cssSelector("nav [aria-current=page]"))
                            .getText())
                    .isEqualTo("Live view");

            // The live consumer starts at the end of the topic: resend until the page shows the frame's faces.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (browser.findElements(By.cssSelector("#live-two li.face")).size() < 3) {
                assertThat(System.nanoTime())
                        .as("the faces shown within a minute")
                        .isLessThan(deadline);
                KafkaTestClient.send(Topics.FACE_IDENTITIES, "live-two", EventJson.toJson(identities));
                Thread.sleep(1500);
            }
            WebElement ann = browser.findElement(By.cssSelector("#live-two li.face[data-customer=c-ann]"));
            WebElement ben = browser.findElement(By.cssSelector("#live-two li.face[data-customer=c-ben]"));
            WebElement visitor = browser.findElement(By.cssSelector("#live-two li.face[data-status=VISITOR]"));
            assertThat(ann.getText())
                    .contains("★")
                    .contains("Ms Kim")
                    .contains("VIP")
                    .contains("30-39")
                    .contains("female");
            assertThat(ben.getText())
                    .contains("c-ben")
                    .contains("REGULAR")
                    .contains("40-49")
                    .contains("male")
                    .doesNotContain("★");
            assertThat(visitor.getText()).contains("visitor").contains("20-29");
            assertThat(ann.getAttribute("data-index")).isEqualTo("0");
            assertThat(ben.getAttribute("data-index")).isEqualTo("1");
            // The picture is the frame those faces were found on.
            assertThat(browser.findElement(By.cssSelector("#live-two img")).getAttribute("src"))
                    .contains("live.jpg");
        } finally {
            admin().delete("/api/v1/cameras/live-two");
        }
    }
}
