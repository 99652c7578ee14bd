package io.storesight.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.storesight.camera.service.Frames;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.LocalKafkaResource;
import io.storesight.testsupport.Await;
import io.storesight.testsupport.Slow;
import io.storesight.testsupport.TestLogins;

/** The service end to end: real ffmpeg, real media made from the sample photos, real broker, REST API. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class CameraIngestTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static RequestSpecification admin() {
        return given().auth()
                .preemptive()
                .basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD)
                .contentType(ContentType.JSON);
    }

    static Response add(Map<String, Object> camera) {
        return admin().body(camera).post("/api/v1/cameras");
    }

    static String state(String id) {
        return admin().get("/api/v1/cameras/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status.state");
    }

    static void awaitState(String id, String expected, Duration timeout) {
        Await.until("camera " + id + " " + expected, timeout, () -> expected.equals(state(id)));
    }

    static Predicate<ConsumerRecord<String, byte[]>> camera(String id) {
        return record -> id.equals(record.key());
    }

    static long header(ConsumerRecord<String, byte[]> record, String name) {
        return Long.parseLong(KafkaTestClient.header(record, name));
    }

    static Mat decode(byte[] jpeg) {
        Frames.loadOpenCv();
        return Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    }

    /** Checks the headers of one camera's frames: identity, order, size matching the JPEG itself. */
    static void assertFrames(List<ConsumerRecord<String, byte[]>> frames, String id, String storeId, String role) {
        long previousSeq = 0;
        long previousTime = 0;
        for (ConsumerRecord<String, byte[]> frame : frames) {
            FrameHeaders.FrameMetadata metadata = FrameHeaders.FrameMetadata.readFrom(frame.headers());
            assertThat(metadata.cameraId()).isEqualTo(id);
            assertThat(metadata.storeId()).isEqualTo(storeId);
            assertThat(metadata.cameraRole()).isEqualTo(role);
            assertThat(metadata.frameId())
                    .isEqualTo(id + "-" + metadata.captureTime().toEpochMilli() + "-" + metadata.sequence());
            assertThat(metadata.sequence()).isGreaterThan(previousSeq);
            assertThat(metadata.captureTime().toEpochMilli()).isGreaterThan(previousTime);
            assertThat(KafkaTestClient.header(frame, FrameHeaders.CONTENT_TYPE)).isEqualTo("image/jpeg");
            Mat image = decode(frame.value());
            assertThat(image.empty()).as("frame decodes as JPEG").isFalse();
            assertThat(image.cols()).isEqualTo(metadata.width());
            assertThat(image.rows()).isEqualTo(metadata.height());
            image.release();
            previousSeq = metadata.sequence();
            previousTime = metadata.captureTime().toEpochMilli();
        }
    }

    @Test
    void h264Mp4PublishesTheTargetRate() throws Exception {
        Path clip = TestMedia.h264Mp4();
        try (var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            add(Map.of("id", "mp4-cam", "source", clip.toString(), "fps", 5, "role", "counter", "storeId", "store-7"))
                    .then()
                    .statusCode(201)
                    .body("status.state", not(equalTo("failed")));
            awaitState("mp4-cam", "ended", PATIENCE);
            // 100 frames at 25 fps over 4 s, sampled by their timestamps at 5 fps: exactly 20.
            List<ConsumerRecord<String, byte[]>> frames = reader.await(20, PATIENCE, camera("mp4-cam"));
            List<ConsumerRecord<String, byte[]>> all = reader.drain(Duration.ofSeconds(1)).stream()
                    .filter(camera("mp4-cam"))
                    .toList();
            assertThat(all).hasSize(20);
            assertFrames(frames, "mp4-cam", "store-7", "counter");
            for (int i = 0; i < frames.size(); i++) {
                assertThat(header(frames.get(i), FrameHeaders.SEQUENCE)).isEqualTo(i + 1);
                assertThat(header(frames.get(i), FrameHeaders.WIDTH)).isEqualTo(640);
                assertThat(header(frames.get(i), FrameHeaders.CAPTURE_TIME))
                        .as("a frame is captured before it is published")
                        .isLessThanOrEqualTo(frames.get(i).timestamp());
                if (i > 0) {
                    long gap = header(frames.get(i), FrameHeaders.CAPTURE_TIME)
                            - header(frames.get(i - 1), FrameHeaders.CAPTURE_TIME);
                    assertThat(gap).as("capture times follow the media clock").isBetween(199L, 201L);
                }
            }
            admin().get("/api/v1/cameras/mp4-cam")
                    .then()
                    .body("status.published", equalTo(20))
                    .body("status.framesIn", equalTo(100));
        } finally {
            admin().delete("/api/v1/cameras/mp4-cam");
        }
    }

    @Test
    void mjpegAviIsResizedAndSampled() throws Exception {
        Path clip = TestMedia.mjpegAvi();
        try (var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            add(Map.of("id", "avi-cam", "source", clip.toString(), "fps", 5, "maxLongSide", 640))
                    .then()
                    .statusCode(201);
            awaitState("avi-cam", "ended", PATIENCE);
            // 30 frames at 10 fps → 15 at 5 fps, 800×600 fitted into 640.
            reader.await(15, PATIENCE, camera("avi-cam"));
            List<ConsumerRecord<String, byte[]>> frames = reader.drain(Duration.ofSeconds(1)).stream()
                    .filter(camera("avi-cam"))
                    .toList();
            assertThat(frames).hasSize(15);
            assertFrames(frames, "avi-cam", "store-1", "other");
            assertThat(frames).allSatisfy(frame -> {
                assertThat(header(frame, FrameHeaders.WIDTH)).isEqualTo(640);
                assertThat(header(frame, FrameHeaders.HEIGHT)).isEqualTo(480);
            });
        } finally {
            admin().delete("/api/v1/cameras/avi-cam");
        }
    }

    @Test
    void imageFolderPlaysInNameOrder() throws Exception {
        Path folder = TestMedia.imageFolder();
        List<Size> sizes = TestMedia.imageSizes(folder);
        try (var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            add(Map.of("id", "folder-cam", "source", folder.toString(), "fps", 8, "sourceFps", 8, "maxLongSide", 320))
                    .then()
                    .statusCode(201);
            awaitState("folder-cam", "ended", PATIENCE);
            reader.await(sizes.size(), PATIENCE, camera("folder-cam"));
            List<ConsumerRecord<String, byte[]>> frames = reader.drain(Duration.ofSeconds(1)).stream()
                    .filter(camera("folder-cam"))
                    .toList();
            assertThat(frames).hasSize(sizes.size());
            assertFrames(frames, "folder-cam", "store-1", "other");
            for (int i = 0; i < frames.size(); i++) {
                Size source = sizes.get(i);
                double scale = Math.min(1, 320 / Math.max(source.width, source.height));
                assertThat(header(frames.get(i), FrameHeaders.WIDTH)).isEqualTo(Math.round(source.width * scale));
                assertThat(header(frames.get(i), FrameHeaders.HEIGHT)).isEqualTo(Math.round(source.height * scale));
            }
            // Pausing and resuming a folder that has played out plays it again.
            admin().post("/api/v1/cameras/folder-cam/pause").then().statusCode(200);
            admin().post("/api/v1/cameras/folder-cam/resume").then().statusCode(200);
            reader.await(2 * sizes.size(), PATIENCE, camera("folder-cam"));
            awaitState("folder-cam", "ended", PATIENCE);
        } finally {
            admin().delete("/api/v1/cameras/folder-cam");
        }
    }

    @Test
    @Slow
    void httpMjpegStreamThatStopsAndReturns() throws Exception {
        List<byte[]> jpegs = List.of(TestMedia.jpegOfSample(4, 480), TestMedia.jpegOfSample(5, 480));
        try (MjpegServer camera = new MjpegServer(jpegs, 10);
                var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            int port = camera.start(0);
            add(Map.of(
                            "id",
                            "http-cam",
                            "source",
                            "http://127.0.0.1:" + port + "/video.mjpg",
                            "fps",
                            5,
                            "role",
                            "entrance"))
                    .then()
                    .statusCode(201);
            awaitState("http-cam", "streaming", PATIENCE);
            List<ConsumerRecord<String, byte[]>> before = reader.await(5, PATIENCE, camera("http-cam"));
            assertFrames(before, "http-cam", "store-1", "entrance");

            camera.stop();
            awaitState("http-cam", "reconnecting", PATIENCE);
            Thread.sleep(1500);
            camera.start(port);
            awaitState("http-cam", "streaming", PATIENCE);
            int seen = reader.drain(Duration.ZERO).stream()
                    .filter(camera("http-cam"))
                    .toList()
                    .size();
            List<ConsumerRecord<String, byte[]>> after = reader.await(seen + 5, PATIENCE, camera("http-cam"));
            assertFrames(after, "http-cam", "store-1", "entrance");
            admin().get("/api/v1/cameras/http-cam")
                    .then()
                    .body("status.reconnects", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("status.lastError", containsString("Connection refused"));
        } finally {
            admin().delete("/api/v1/cameras/http-cam");
        }
    }

    @Test
    @Slow
    void rtspCamerasInH264AndH265PublishAndOneReconnectsAfterItStopsAndReturns() throws Exception {
        Path h264 = TestMedia.h264Mp4();
        Path h265 = TestMedia.h265Mkv();
        List<Process> publishers = new java.util.ArrayList<>();
        try (RtspRelay avc = new RtspRelay();
                RtspRelay hevc = new RtspRelay();
                var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            int avcPort = avc.start(0);
            String avcUrl = "rtsp://127.0.0.1:" + avcPort + "/h264";
            String hevcUrl = "rtsp://127.0.0.1:" + hevc.start(0) + "/h265";
            publishers.add(TestMedia.publishRtsp(h264, avcUrl));
            publishers.add(TestMedia.publishRtsp(h265, hevcUrl));
            add(Map.of("id", "rtsp-h264", "source", avcUrl, "fps", 5, "role", "entrance"))
                    .then()
                    .statusCode(201);
            add(Map.of("id", "rtsp-h265", "source", hevcUrl, "fps", 5, "role", "counter"))
                    .then()
                    .statusCode(201);
            awaitState("rtsp-h264", "streaming", PATIENCE);
            awaitState("rtsp-h265", "streaming", PATIENCE);
            List<ConsumerRecord<String, byte[]>> avcFrames = reader.await(5, PATIENCE, camera("rtsp-h264"));
            List<ConsumerRecord<String, byte[]>> hevcFrames = reader.await(5, PATIENCE, camera("rtsp-h265"));
            assertFrames(avcFrames, "rtsp-h264", "store-1", "entrance");
            assertFrames(hevcFrames, "rtsp-h265", "store-1", "counter");
            assertThat(header(avcFrames.get(0), FrameHeaders.WIDTH)).isEqualTo(640);
            assertThat(header(hevcFrames.get(0), FrameHeaders.WIDTH)).isEqualTo(384);
            assertThat(header(hevcFrames.get(0), FrameHeaders.HEIGHT)).isEqualTo(288);

            // The H.264 camera goes away (port closed, stream cut) and comes back on the same address.
            publishers.get(0).destroy();
            avc.stop();
            awaitState("rtsp-h264", "reconnecting", PATIENCE);
            Thread.sleep(1500);
            avc.start(avcPort);
            publishers.set(0, TestMedia.publishRtsp(h264, avcUrl));
            awaitState("rtsp-h264", "streaming", PATIENCE);
            int seen = reader.drain(Duration.ZERO).stream()
                    .filter(camera("rtsp-h264"))
                    .toList()
                    .size();
            assertFrames(reader.await(seen + 5, PATIENCE, camera("rtsp-h264")), "rtsp-h264", "store-1", "entrance");
            admin().get("/api/v1/cameras/rtsp-h264")
                    .then()
                    .body("status.reconnects", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            assertThat(state("rtsp-h265")).isEqualTo("streaming");
        } finally {
            publishers.forEach(Process::destroy);
            admin().delete("/api/v1/cameras/rtsp-h264");
            admin().delete("/api/v1/cameras/rtsp-h265");
        }
    }

    @Test
    void unreachableCameraFailsWhileAnotherKeepsPublishing() throws Exception {
        // cfg-unreachable comes from the test application.properties and points at a closed port.
        try (var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            add(Map.of(
                            "id",
                            "busy-cam",
                            "source",
                            TestMedia.imageFolder().toString(),
                            "fps",
                            5,
                            "loop",
                            true,
                            "maxLongSide",
                            320))
                    .then()
                    .statusCode(201);
            awaitState("cfg-unreachable", "failed", PATIENCE);
            admin().get("/api/v1/cameras/cfg-unreachable")
                    .then()
                    .body("origin", equalTo("config"))
                    .body("role", equalTo("entrance"))
                    .body("storeId", equalTo("store-test"))
                    .body("status.lastError", containsString("Connection refused"))
                    .body("status.published", equalTo(0));
            int seen = reader.drain(Duration.ZERO).stream()
                    .filter(camera("busy-cam"))
                    .toList()
                    .size();
            reader.await(seen + 5, PATIENCE, camera("busy-cam"));
            assertThat(state("busy-cam")).isEqualTo("streaming");
            assertThat(state("cfg-unreachable")).isIn("failed", "reconnecting");
        } finally {
            admin().delete("/api/v1/cameras/busy-cam");
        }
    }

    @Test
    void restApiManagesCamerasAndRejectsBadInput() throws Exception {
        String folder = TestMedia.imageFolder().toString();
        given().get("/api/v1/cameras").then().statusCode(401).body("error", equalTo("login required"));
        given().get("/api/v1/cameras/cfg-unreachable/snapshot.jpg").then().statusCode(401);

        add(Map.of(
                        "id",
                        "rest-cam",
                        "name",
                        "Till 1",
                        "source",
                        folder,
                        "loop",
                        true,
                        "role",
                        "counter",
                        "maxLongSide",
                        320))
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/cameras/rest-cam"))
                .body("name", equalTo("Till 1"))
                .body("fps", equalTo(5.0f))
                .body("role", equalTo("counter"))
                .body("origin", equalTo("api"));
        try {
            add(Map.of("id", "rest-cam", "source", folder))
                    .then()
                    .statusCode(409)
                    .body("error", equalTo("a camera with id 'rest-cam' already exists"));
            add(Map.of("id", "bad-1", "source", "ftp://example.org/cam"))
                    .then()
                    .statusCode(400)
                    .body("error", containsString("unsupported source scheme 'ftp'"))
                    .body("details.source", containsString("rtsp://"));
            add(Map.of("id", "bad-2", "source", folder, "fps", 0))
                    .then()
                    .statusCode(400)
                    .body("error", containsString("fps must be greater than 0 and at most 60"));
            add(Map.of("id", "bad-3", "source", folder, "fps", 61))
                    .then()
                    .statusCode(400)
                    .body("details.fps", containsString("got 61"));
            add(Map.of("id", "bad-4", "source", "/no/such/video.mp4"))
                    .then()
                    .statusCode(400)
                    .body("error", containsString("does not exist"));
            add(Map.of("id", "bad-5", "source", "/etc/passwd"))
                    .then()
                    .statusCode(400)
                    .body("details.source", containsString("/etc/passwd is outside the media folders"))
                    .body("error", containsString("storesight.ingest.media-roots"));
            add(Map.of("id", "bad-6", "source", folder + "/../../../../../../../../../etc/passwd"))
                    .then()
                    .statusCode(400)
                    .body("error", containsString("outside the media folders"));
            add(Map.of("id", "bad-7", "source", "concat:" + folder + "/img-01.jpg|/etc/passwd"))
                    .then()
                    .statusCode(400)
                    .body("error", containsString("unsupported source scheme 'concat'"));
            add(Map.of("id", "bad id!", "source", folder))
                    .then()
                    .statusCode(400)
                    .body("details.id", containsString("letters, digits"));
            admin().body("{\"id\": \"x\", \"fps\": \"fast\"}")
                    .post("/api/v1/cameras")
                    .then()
                    .statusCode(400)
                    .body("error", containsString("fast"));
            admin().get("/api/v1/cameras/bad-1").then().statusCode(404).body("error", containsString("bad-1"));

            awaitState("rest-cam", "streaming", PATIENCE);
            admin().body(Map.of("name", "Till 2", "fps", 2))
                    .put("/api/v1/cameras/rest-cam")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Till 2"))
                    .body("fps", equalTo(2.0f))
                    .body("role", equalTo("counter"));
            admin().body(Map.of("fps", 100))
                    .put("/api/v1/cameras/rest-cam")
                    .then()
                    .statusCode(400);
            admin().body(Map.of("id", "other"))
                    .put("/api/v1/cameras/rest-cam")
                    .then()
                    .statusCode(400);
            List<String> ids = admin().get("/api/v1/cameras")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("id");
            assertThat(ids).contains("rest-cam", "cfg-unreachable").doesNotContain("bad-1", "bad-2");

            admin().post("/api/v1/cameras/rest-cam/pause")
                    .then()
                    .statusCode(200)
                    .body("paused", equalTo(true));
            awaitState("rest-cam", "paused", PATIENCE);
            admin().post("/api/v1/cameras/rest-cam/resume")
                    .then()
                    .statusCode(200)
                    .body("paused", equalTo(false));
            awaitState("rest-cam", "streaming", PATIENCE);

            byte[] jpeg = admin().get("/api/v1/cameras/rest-cam/snapshot.jpg")
                    .then()
                    .statusCode(200)
                    .contentType("image/jpeg")
                    .header("Cache-Control", "no-store")
                    .extract()
                    .asByteArray();
            Mat snapshot = decode(jpeg);
            assertThat(Math.max(snapshot.cols(), snapshot.rows()))
                    .isLessThanOrEqualTo(320)
                    .isGreaterThan(0);
            admin().get("/api/v1/cameras/cfg-unreachable/snapshot.jpg")
                    .then()
                    .statusCode(404)
                    .body("error", containsString("no frame yet"));

            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .contains("storesight_camera_frames_published_total{camera=\"rest-cam\"")
                    .contains("storesight_camera_state{camera=\"cfg-unreachable\"");
        } finally {
            admin().delete("/api/v1/cameras/rest-cam").then().statusCode(204);
        }
        admin().get("/api/v1/cameras/rest-cam").then().statusCode(404);
        admin().delete("/api/v1/cameras/rest-cam").then().statusCode(404);
    }

    @Test
    void streamPasswordsNeverLeaveTheService() {
        add(Map.of("id", "secret-cam", "source", "rtsp://viewer:s3cret@127.0.0.1:1/stream1"))
                .then()
                .statusCode(201)
                .body("source", equalTo("rtsp://viewer:***@127.0.0.1:1/stream1"));
        try {
            // Sending back what the API shows keeps the real password.
            admin().body(Map.of("source", "rtsp://viewer:***@127.0.0.1:1/stream1", "name", "Back door"))
                    .put("/api/v1/cameras/secret-cam")
                    .then()
                    .statusCode(200);
            assertThat(admin().get("/api/v1/cameras").asString()).doesNotContain("s3cret");
        } finally {
            admin().delete("/api/v1/cameras/secret-cam");
        }
    }

    @Test
    void liveViewDrawsEachFacesIdentityOnTheFrameItDescribes() throws Exception {
        given().accept("text/html")
                .redirects()
                .follow(false)
                .get("/live")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login.html"));
        // The pages take the form login (its session cookie), and so do the page's own API requests.
        var session = given().redirects()
                .follow(false)
                .formParam("j_username", TestLogins.ADMIN_USER)
                .formParam("j_password", TestLogins.ADMIN_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract()
                .detailedCookie("quarkus-credential");
        given().cookie(session).get("/api/v1/cameras").then().statusCode(200);
        given().cookie(session)
                .accept("text/html")
                .get("/live")
                .then()
                .statusCode(200)
                .body(containsString("live.jpg"));
        try (var reader = KafkaTestClient.readerFromEnd(Topics.FRAMES)) {
            add(Map.of(
                            "id",
                            "live-cam",
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
                    .then()
                    .statusCode(201);
            FrameHeaders.FrameMetadata frame = FrameHeaders.FrameMetadata.readFrom(
                    reader.await(1, PATIENCE, camera("live-cam")).get(0).headers());
            int x = frame.width() / 4;
            int y = frame.height() / 4;
            var identities = FaceIdentityEvent.of(
                    FaceObservationEvent.eventIdFor(frame.frameId()),
                    frame.frameId(),
                    "live-cam",
                    "store-1",
                    frame.captureTime(),
                    frame.width(),
                    frame.height(),
                    List.of(FaceIdentityEvent.Face.customer(
                            0,
                            new FaceObservationEvent.Box(x, y, frame.width() / 2f, frame.height() / 2f),
                            "C-0001",
                            null,
                            "REGULAR",
                            false,
                            false,
                            "25-34",
                            "FEMALE")),
                    Instant.now());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            boolean drawn = false;
            while (!drawn && System.nanoTime() < deadline) {
                // The live consumers start at the end of the topics: resend until they are assigned.
                KafkaTestClient.send(Topics.FACE_IDENTITIES, "live-cam", EventJson.toJson(identities));
                Thread.sleep(1000);
                byte[] jpeg = admin().get("/api/v1/cameras/live-cam/live.jpg")
                        .then()
                        .statusCode(200)
                        .contentType("image/jpeg")
                        .extract()
                        .asByteArray();
                Mat image = decode(jpeg);
                double[] leftEdge = image.get(y + frame.height() / 4, x);
                drawn = leftEdge[1] > 150 && leftEdge[1] - leftEdge[2] > 60 && leftEdge[1] - leftEdge[0] > 60;
                image.release();
            }
            assertThat(drawn).as("a green face box on the observed frame").isTrue();
            admin().get("/api/v1/cameras/live-cam/faces")
                    .then()
                    .statusCode(200)
                    .body("frameId", equalTo(frame.frameId()))
                    .body("faces[0].customerId", equalTo("C-0001"));
            admin().get("/api/v1/cameras/nope/live.jpg").then().statusCode(404);
        } finally {
            admin().delete("/api/v1/cameras/live-cam");
        }
    }

    @Test
    void readiness() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'cameras' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'cameras' }.data.ffmpeg", equalTo("ok"));
    }
}
