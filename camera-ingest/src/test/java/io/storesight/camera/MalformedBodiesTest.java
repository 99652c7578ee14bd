package io.storesight.camera;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.testsupport.MalformedBodies;
import io.storesight.testsupport.TestLogins;

/** Hundreds of malformed bodies to every POST/PUT endpoint: each gets a 4xx, and the service stays ready. */
@QuarkusTest
class MalformedBodiesTest {
    private static final long SEED = 16_01;
    private static final int BODIES = 200;
    private static final String CAMERA = "{\"id\":\"fuzz-cam\",\"name\":\"Fuzz\",\"storeId\":\"store-test\","
            + "\"role\":\"entrance\",\"source\":\"http://127.0.0.1:9/video.mjpg\",\"fps\":2,\"maxLongSide\":640,"
            + "\"jpegQuality\":80,\"motionGating\":false,\"motionSensitivity\":0.5,\"loop\":false}";

    @TestHTTPResource("/")
    URL root;

    private final Map<String, String> asAdmin =
            Map.of("Authorization", TestLogins.basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD));

    @AfterEach
    void removeTheCamera() {
        given().auth()
                .preemptive()
                .basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD)
                .delete("/api/v1/cameras/fuzz-cam");
    }

    @Test
    void cameraWrites() throws Exception {
        // The example exists already, so a mutation that happened to be valid would still be a 409.
        given().auth()
                .preemptive()
                .basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body(CAMERA)
                .post("/api/v1/cameras")
                .then()
                .statusCode(201);
        send("POST", "/api/v1/cameras", MalformedBodies.json(SEED, BODIES, CAMERA));
        send("PUT", "/api/v1/cameras/fuzz-cam", MalformedBodies.json(SEED + 1, BODIES, CAMERA));
        // Pausing and resuming take no body: whatever comes with it, an unknown camera is a 404.
        send("POST", "/api/v1/cameras/no-such-camera/pause", MalformedBodies.json(SEED + 2, BODIES / 4, CAMERA));
        send("POST", "/api/v1/cameras/no-such-camera/resume", MalformedBodies.json(SEED + 3, BODIES / 4, CAMERA));
    }

    private void send(String method, String path, List<MalformedBodies.Body> bodies) throws Exception {
        MalformedBodies.send(
                method, new URL(root, path).toURI(), asAdmin, bodies, new URL(root, "/q/health/ready").toURI());
    }
}
