package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.testsupport.Browser;

/**
 * Issue 18's acceptance "marking a VIP and seeing the alert on another page", across services: an admin marks a
 * customer VIP in identity-service, the customer's next visit starts from observations on the real broker, and the
 * cameras page of camera-ingest (another service, another origin) shows the alert notice through the console
 * shell's cross-origin alert stream.
 */
class VipAlertBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void markingAVipShowsTheAlertOnAnotherServicesPage() throws Exception {
        try (Stack stack = new Stack(
                        "vip-alert",
                        Map.of(Service.IDENTITY, Map.of("STORESIGHT_IDENTITY_PRESENCE_ABSENCE_THRESHOLD", "2s")));
                Browser session = DashboardBrowser.start(stack.logs())) {
            stack.checkPackaged();
            stack.snapshotApps();
            stack.startBroker();
            stack.start(Service.IDENTITY);
            stack.start(Service.CAMERA_INGEST);
            stack.awaitReady(Service.IDENTITY);
            stack.awaitReady(Service.CAMERA_INGEST);

            // One window on camera-ingest's cameras page: its shell opens identity's alert stream.
            WebDriver browser = session.driver();
            WebDriverWait wait = session.logIn(
                    stack.url(Service.CAMERA_INGEST) + "/cameras", Stack.ADMIN_USER, stack.adminPassword(), WAIT);
            // The login lands on camera-ingest's landing page; the cameras page is one click (or URL) away.
            browser.get(stack.url(Service.CAMERA_INGEST) + "/cameras");
            wait.until(ExpectedConditions.urlContains("/cameras"));
            wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-alert-stream")));
            ((JavascriptExecutor) browser)
                    .executeScript("document.addEventListener('console:alert',"
                            + " function () { window.__alertShownAt = Date.now(); });");

            // A customer, through the broker: frames of one face at the entrance.
            String camera = "e2e-door";
            String store = "e2e-store";
            float[] face = descriptor(new Random(18));
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (KafkaProducer<String, String> producer = producer(stack.bootstrapServers())) {
                for (int i = 0; i < 4; i++) {
                    send(producer, observation(camera, store, t0.plusMillis(300L * i), face));
                }
                String id = awaitCustomer(stack);

                // The other window: the admin marks them VIP (through identity's API, as its customers page does).
                HttpResponse<String> marked = HTTP.send(
                        HttpRequest.newBuilder(URI.create(stack.url(Service.IDENTITY) + "/api/v1/customers/" + id))
                                .header("Authorization", basic(stack))
                                .header("Content-Type", "application/json")
                                .method(
                                        "PATCH",
                                        HttpRequest.BodyPublishers.ofString("{\"vip\":true,\"label\":\"Ms Kim\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);

                // Away longer than the absence threshold, then back: the visit starts, the page shows the notice.
                send(producer, observation(camera, store, t0.plusSeconds(20), null));
                long sentAt = System.currentTimeMillis();
                for (int i = 0; i < 2; i++) {
                    send(producer, observation(camera, store, t0.plusSeconds(21).plusMillis(300L * i), face));
                }
                WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("[data-alert-id][data-customer='" + id + "']")));
                assertThat(notice.getText()).contains("Ms Kim").contains("VIP").contains(store);
                assertThat(browser.findElement(By.id("console-alert-count")).getText())
                        .isEqualTo("1");
                long shownAt = ((Number) ((JavascriptExecutor) browser).executeScript("return window.__alertShownAt"))
                        .longValue();
                System.out.printf(
                        "VIP alert on another service's page: %d ms from the returning frames' send to"
                                + " the notice%n",
                        shownAt - sentAt);
            }
        }
    }

    private static String awaitCustomer(Stack stack) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Stack.HttpResult list = get(stack, "/api/v1/customers");
            int at = list.body().indexOf("\"id\":\"");
            if (list.status() == 200 && at >= 0) {
                return list.body().substring(at + 6, list.body().indexOf('"', at + 6));
            }
            ManagedProcess.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("no customer within " + WAIT);
    }

    private static Stack.HttpResult get(Stack stack, String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(stack.url(Service.IDENTITY) + path))
                            .header("Authorization", basic(stack))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Stack.HttpResult(response.statusCode(), response.body());
        } catch (Exception e) {
            return new Stack.HttpResult(0, "");
        }
    }

    private static String basic(Stack stack) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (Stack.ADMIN_USER + ":" + stack.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** A face-like descriptor: unit length, as the engine's are. */
    private static float[] descriptor(Random random) {
        float[] d = new float[128];
        double norm = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
            norm += d[i] * d[i];
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= (float) Math.sqrt(norm);
        }
        return d;
    }

    private static FaceObservationEvent observation(String camera, String store, Instant at, float[] descriptor) {
        String frameId = camera + "-" + UUID.randomUUID();
        List<FaceObservationEvent.Face> faces = new ArrayList<>();
        if (descriptor != null) {
            faces.add(new FaceObservationEvent.Face(
                    new FaceObservationEvent.Box(500, 200, 160, 180),
                    0.95f,
                    null,
                    new FaceObservationEvent.Quality(0.9f, 160, 300, 2, 1),
                    descriptor,
                    34,
                    "30-39",
                    FaceObservationEvent.Gender.FEMALE,
                    0.95f));
        }
        return new FaceObservationEvent(
                FaceObservationEvent.eventIdFor(frameId),
                FaceObservationEvent.Type.FACES_OBSERVED,
                FaceObservationEvent.SCHEMA_VERSION,
                Instant.now(),
                frameId,
                camera,
                store,
                "entrance",
                at,
                10,
                1280,
                720,
                Map.of(),
                faces);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, FaceObservationEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.FACE_OBSERVATIONS, event.cameraId(), EventJson.toJson(event)))
                .get();
    }
}
