package io.storesight.identity;

import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.testsupport.MalformedBodies;
import io.storesight.testsupport.Slow;
import io.storesight.testsupport.TestLogins;

/**
 * Hundreds of malformed bodies to every POST/PATCH endpoint: each gets a 4xx, and the service stays ready. The
 * opt-out photos reach face-inference's analyze API (the test's {@link AnalyzeStandIn}), whose refusals must come
 * back as the caller's 4xx.
 */
@QuarkusTest
@QuarkusTestResource(AnalyzeStandIn.class)
class MalformedBodiesTest {
    private static final long SEED = 16_03;
    private static final int BODIES = 200;

    @TestHTTPResource("/")
    URL root;

    private final Map<String, String> asAdmin =
            Map.of("Authorization", TestLogins.basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD));

    @Test
    void customerChanges() throws Exception {
        send(
                "PATCH",
                "/api/v1/customers/c-nobody",
                MalformedBodies.json(SEED, BODIES, "{\"label\":\"regular\",\"vip\":true}"));
        send(
                "POST",
                "/api/v1/customers/c-nobody/merge",
                MalformedBodies.json(SEED + 1, BODIES, "{\"otherCustomerId\":\"c-other\"}"));
        send(
                "POST",
                "/api/v1/customers/c-nobody/split",
                MalformedBodies.json(SEED + 2, BODIES, "{\"visitIds\":[\"v-1\",\"v-2\"],\"sightingIds\":[\"s-1\"]}"));
    }

    @Test
    @Slow
    void optOutPhotos() throws Exception {
        byte[] photo = Files.readAllBytes(RealFaces.samples().resolve("sample6.jpg"));
        send("POST", "/api/v1/opt-outs", MalformedBodies.image(SEED + 3, BODIES, "image/jpeg", photo));
        send("POST", "/api/v1/opt-outs", MalformedBodies.json(SEED + 4, BODIES / 4, "{\"photo\":\"x\",\"n\":2}"));
    }

    private void send(String method, String path, List<MalformedBodies.Body> bodies) throws Exception {
        MalformedBodies.send(
                method, new URL(root, path).toURI(), asAdmin, bodies, new URL(root, "/q/health/ready").toURI());
    }
}
