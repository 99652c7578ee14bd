package io.storesight.face.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.storesight.face.TestImages;
import io.storesight.testsupport.TestLogins;

/** The REST API on the real sample photos, and every refusal it promises. */
@QuarkusTest
class AnalyzeAndVerifyTest {
    private static final String ADMIN = TestLogins.ADMIN_USER;
    private static final String PASSWORD = TestLogins.ADMIN_PASSWORD;

    /** The account of an integration: analyze and verify, no descriptors. */
    static RequestSpecification integrator() {
        return given().auth().preemptive().basic(TestLogins.INTEGRATOR_USER, TestLogins.INTEGRATOR_PASSWORD);
    }

    @BeforeEach
    void ready() {
        TestImages.awaitReady();
    }

    @Test
    void analyzesARawJpegWithoutDescriptors() {
        JsonPath json = integrator()
                .contentType("image/jpeg")
                .body(TestImages.sampleBytes(1))
                .post("/api/v1/analyze")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getInt("width")).isEqualTo(1920);
        assertThat(json.getInt("height")).isEqualTo(1280);
        List<Map<String, Object>> faces = json.getList("faces");
        assertThat(faces).hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, Object> face : faces) {
            assertThat(face)
                    .containsKeys(
                            "box", "score", "keypoints", "quality", "age", "ageBand", "gender", "genderConfidence")
                    .doesNotContainKey("descriptor");
            assertThat(face.get("gender")).isEqualTo("FEMALE");
            assertThat((List<?>) face.get("keypoints")).hasSize(6);
            @SuppressWarnings("unchecked")
            Map<String, Number> box = (Map<String, Number>) face.get("box");
            assertThat(box.get("x").floatValue() + box.get("width").floatValue())
                    .isLessThanOrEqualTo(1920f);
            assertThat(box.get("width").floatValue()).isGreaterThan(40f);
        }
        assertThat(json.getDouble("timings.detectMs")).isPositive();
        assertThat(json.getDouble("timings.descriptorMs")).isPositive();
    }

    @Test
    void multipartAndPngGiveTheSameFacesAsTheRawJpeg() {
        byte[] jpeg = TestImages.sampleBytes(5);
        int raw = faceCount(integrator().contentType("image/jpeg").body(jpeg));
        int multipart = faceCount(integrator().multiPart("file", "sample5.jpg", jpeg, "image/jpeg"));
        int untypedPart = faceCount(integrator().multiPart("file", "sample5.jpg", jpeg, "application/octet-stream"));
        assertThat(raw).isPositive();
        assertThat(multipart).isEqualTo(raw);
        assertThat(untypedPart).isEqualTo(raw);

        // Lossless PNG of the same (halved) picture: the decoder path differs, the faces must not.
        BufferedImage half = TestImages.scaled(TestImages.decode(jpeg), 0.5);
        int fromJpeg = faceCount(integrator().contentType("image/jpeg").body(TestImages.encode(half, "jpg")));
        int fromPng = faceCount(integrator().contentType("image/png").body(TestImages.encode(half, "png")));
        assertThat(fromPng).isEqualTo(fromJpeg).isPositive();
    }

    private static int faceCount(RequestSpecification request) {
        return request.post("/api/v1/analyze")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("faces")
                .size();
    }

    @Test
    void descriptorsOnlyForTheAdmin() {
        byte[] jpeg = TestImages.sampleBytes(6);
        given().contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze?include=descriptor")
                .then()
                .statusCode(401)
                .body("error", containsString("login required"));
        integrator()
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze?include=descriptor")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(ADMIN, "wrong")
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze?include=descriptor")
                .then()
                .statusCode(401)
                .body("error", notNullValue());
        JsonPath json = given().auth()
                .preemptive()
                .basic(ADMIN, PASSWORD)
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze?include=descriptor")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<List<Float>> descriptors = json.getList("faces.descriptor");
        assertThat(descriptors).isNotEmpty().allSatisfy(d -> assertThat(d).hasSize(128));
        integrator()
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze?include=landmarks")
                .then()
                .statusCode(400)
                .body("error", containsString("landmarks"));
    }

    @Test
    void refusesBadUploadsWithJsonErrors() {
        integrator()
                .contentType("image/jpeg")
                .body("certainly not a JPEG".getBytes())
                .post("/api/v1/analyze")
                .then()
                .statusCode(400)
                .body("error", containsString("not a decodable image"));
        integrator()
                .contentType("image/jpeg")
                .body(new byte[0])
                .post("/api/v1/analyze")
                .then()
                .statusCode(400)
                .body("error", containsString("empty"));
        integrator()
                .multiPart("other", "x.jpg", TestImages.sampleBytes(1), "image/jpeg")
                .post("/api/v1/analyze")
                .then()
                .statusCode(400)
                .body("error", containsString("'file' is missing"));

        byte[] oversized = Arrays.copyOf(TestImages.sampleBytes(6), 2 * 1024 * 1024 + 1);
        integrator()
                .contentType("image/jpeg")
                .body(oversized)
                .post("/api/v1/analyze")
                .then()
                .statusCode(413)
                .body("error", containsString("limit"))
                .body("details.limit", equalTo(2097152));
        integrator()
                .multiPart("file", "big.jpg", oversized, "image/jpeg")
                .post("/api/v1/analyze")
                .then()
                .statusCode(413);

        integrator()
                .contentType("image/png")
                .body(TestImages.pngHeader(10_000, 10_000))
                .post("/api/v1/analyze")
                .then()
                .statusCode(413)
                .body("error", containsString("pixels"))
                .body("details.width", equalTo(10000));

        integrator()
                .contentType("text/plain")
                .body("hello")
                .post("/api/v1/analyze")
                .then()
                .statusCode(415)
                .body("error", containsString("text/plain"));
        integrator()
                .contentType("image/gif")
                .body("GIF89a....".getBytes())
                .post("/api/v1/analyze")
                .then()
                .statusCode(415)
                .body("error", containsString("image/gif"));
        integrator()
                .contentType("image/jpeg")
                .body("GIF89a\u0001\u0000\u0001\u0000".getBytes())
                .post("/api/v1/analyze")
                .then()
                .statusCode(415)
                .body("error", containsString("GIF"));
        integrator()
                .multiPart("file", "notes.txt", "hello".getBytes(), "text/plain")
                .post("/api/v1/analyze")
                .then()
                .statusCode(415)
                .body("error", containsString("text/plain"));
        integrator()
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/verify")
                .then()
                .statusCode(415);
    }

    @Test
    void sameFaceScaledAndMirroredIsTheSamePerson() {
        BufferedImage face = largestFaceCrop(1);
        byte[] source = TestImages.encode(face, "jpg");
        byte[] target = TestImages.encode(TestImages.scaledMirror(face, 1.5), "png");
        JsonPath json = integrator()
                .multiPart("source", "a.jpg", source, "image/jpeg")
                .multiPart("target", "b.png", target, "image/png")
                .post("/api/v1/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getDouble("distance")).isLessThan(json.getDouble("threshold"));
        assertThat(json.getBoolean("samePerson")).isTrue();
        assertThat(json.getDouble("threshold")).isEqualTo(0.55);
    }

    @Test
    void differentFacesAreFartherApartThanTheSameFace() {
        BufferedImage a = largestFaceCrop(1);
        BufferedImage b = largestFaceCrop(3);
        double same = distance(TestImages.encode(a, "jpg"), TestImages.encode(TestImages.scaledMirror(a, 0.8), "jpg"));
        JsonPath json = integrator()
                .multiPart("source", "a.jpg", TestImages.encode(a, "jpg"), "image/jpeg")
                .multiPart("target", "b.jpg", TestImages.encode(b, "jpg"), "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        double different = json.getDouble("distance");
        assertThat(different).isGreaterThan(same);
        assertThat(json.getBoolean("samePerson")).isEqualTo(different < json.getDouble("threshold"));
        assertThat(json.getMap("sourceFace")).containsKeys("x", "y", "width", "height");
    }

    @Test
    void verifyRefusesAnImageWithoutAFaceOrAMissingPart() {
        byte[] face = TestImages.encode(largestFaceCrop(2), "jpg");
        integrator()
                .multiPart("source", "a.jpg", face, "image/jpeg")
                .multiPart("target", "blank.jpg", TestImages.blankJpeg(400, 300), "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(422)
                .body("error", containsString("no face found in 'target'"))
                .body("details.field", equalTo("target"));
        integrator()
                .multiPart("source", "a.jpg", face, "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(400)
                .body("error", containsString("'target' is missing"));
        integrator()
                .multiPart("source", "a.jpg", "garbage".getBytes(), "image/jpeg")
                .multiPart("target", "b.jpg", face, "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(400)
                .body("details.field", equalTo("source"));
    }

    @Test
    void readinessReportsWarmModelsAndMetricsAreExposed() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("face-models"))
                .body(containsString("warm"));
        integrator()
                .contentType("image/jpeg")
                .body(TestImages.sampleBytes(2))
                .post("/api/v1/analyze")
                .then()
                .statusCode(200);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains(
                        "storesight_face_stage_seconds_bucket",
                        "stage=\"detect\"",
                        "stage=\"age-gender\"",
                        "storesight_face_frames_total",
                        "storesight_face_faces_total",
                        "storesight_face_consumer_lag",
                        "storesight_face_observation_latency_seconds");
    }

    private static double distance(byte[] source, byte[] target) {
        return integrator()
                .multiPart("source", "a.jpg", source, "image/jpeg")
                .multiPart("target", "b.jpg", target, "image/jpeg")
                .post("/api/v1/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getDouble("distance");
    }

    /** The largest face of a sample photo with room around it, as a selfie-like close-up. */
    private static BufferedImage largestFaceCrop(int sample) {
        byte[] jpeg = TestImages.sampleBytes(sample);
        List<Map<String, Number>> boxes = integrator()
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("faces.box");
        Map<String, Number> box = boxes.stream()
                .max(Comparator.comparingDouble(
                        b -> b.get("width").doubleValue() * b.get("height").doubleValue()))
                .orElseThrow();
        return TestImages.crop(
                TestImages.decode(jpeg),
                box.get("x").floatValue(),
                box.get("y").floatValue(),
                box.get("width").floatValue(),
                box.get("height").floatValue(),
                0.6f);
    }
}
