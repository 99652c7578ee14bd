package io.storesight.face.rest;

import static io.restassured.RestAssured.given;
import static io.storesight.face.rest.AnalyzeAndVerifyTest.integrator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.face.TestImages;
import io.storesight.face.service.AnalysisSlots;
import io.storesight.testsupport.MalformedBodies;
import io.storesight.testsupport.TestLogins;

/**
 * Items 4 and 10: analyze and verify need a login (admin or integrator); a request is bounded in size before its
 * body is read, in pixels before decoding, and in how many run at once (503 with Retry-After, no queue).
 */
@QuarkusTest
class AccessAndLimitsTest {
    @TestHTTPResource("/")
    URL root;

    @Inject
    AnalysisSlots slots;

    @BeforeEach
    void ready() {
        TestImages.awaitReady();
    }

    @Test
    void analyzeAndVerifyWithoutCredentialsAre401() {
        given().contentType("image/jpeg")
                .body(TestImages.sampleBytes(1))
                .post("/api/v1/analyze")
                .then()
                .statusCode(401)
                .body("error", equalTo("login required"));
        given().multiPart("source", "a.jpg", TestImages.sampleBytes(1), "image/jpeg")
                .multiPart("target", "b.jpg", TestImages.sampleBytes(2), "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic(TestLogins.INTEGRATOR_USER, "not-the-password")
                .contentType("image/jpeg")
                .body(TestImages.sampleBytes(1))
                .post("/api/v1/analyze")
                .then()
                .statusCode(401);
        integrator()
                .contentType("image/jpeg")
                .body(TestImages.sampleBytes(1))
                .post("/api/v1/analyze")
                .then()
                .statusCode(200);
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedFromItsLengthBeforeAnythingIsRead() throws Exception {
        // The client declares 11 MB and sends 1 KB: the answer comes without waiting for the rest.
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/analyze HTTP/1.1\r\nHost: " + root.getHost() + "\r\nContent-Type: image/jpeg\r\n"
                            + "Content-Length: " + (11 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes());
            out.write(new byte[1024]);
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12));
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void restImagesAreCappedAtSixteenMegapixelsFromTheirHeader() {
        // 20 MP: within the engine's cap for camera frames (40 MP), above the REST cap.
        integrator()
                .contentType("image/png")
                .body(TestImages.pngHeader(5000, 4000))
                .post("/api/v1/analyze")
                .then()
                .statusCode(413)
                .body("error", containsString("16000000 pixels"));
    }

    @Test
    void analysesBeyondTheBoundAre503WithRetryAfter() throws Exception {
        // Both slots taken, as by two long analyses: the next request is refused at once.
        assertThat(slots.tryTake()).isTrue();
        assertThat(slots.tryTake()).isTrue();
        try {
            integrator()
                    .contentType("image/jpeg")
                    .body(TestImages.sampleBytes(1))
                    .post("/api/v1/analyze")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "1")
                    .body("error", containsString("retry"));
        } finally {
            slots.give();
            slots.give();
        }
        // Freed, requests run again: four at once all succeed or are told to retry, and nothing else.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(new URL(root, "/api/v1/analyze").toURI())
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "image/jpeg")
                    .header(
                            "Authorization",
                            TestLogins.basic(TestLogins.INTEGRATOR_USER, TestLogins.INTEGRATOR_PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.sampleBytes(2)))
                    .build();
            List<Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).allMatch(s -> s == 200 || s == 503).contains(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedUploadsAreAll4xxAndTheServiceStaysReady() throws Exception {
        Map<String, String> login =
                Map.of("Authorization", TestLogins.basic(TestLogins.INTEGRATOR_USER, TestLogins.INTEGRATOR_PASSWORD));
        URI analyze = new URL(root, "/api/v1/analyze").toURI();
        URI verify = new URL(root, "/api/v1/verify").toURI();
        URI ready = new URL(root, "/q/health/ready").toURI();
        byte[] photo = TestImages.sampleBytes(3);
        MalformedBodies.send("POST", analyze, login, MalformedBodies.image(16_10, 150, "image/jpeg", photo), ready);
        MalformedBodies.send("POST", analyze, login, MalformedBodies.image(16_11, 50, "image/png", photo), ready);
        MalformedBodies.send(
                "POST", analyze, login, MalformedBodies.multipart(16_12, 100, List.of("file"), photo), ready);
        MalformedBodies.send(
                "POST",
                verify,
                login,
                MalformedBodies.multipart(16_13, 100, List.of("source", "target"), photo),
                ready);
        MalformedBodies.send(
                "POST", analyze, login, MalformedBodies.json(16_14, 50, "{\"image\":\"x\",\"n\":1}"), ready);
    }
}
