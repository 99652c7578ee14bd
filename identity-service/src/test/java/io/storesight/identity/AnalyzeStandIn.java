package io.storesight.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.storesight.contracts.EventJson;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.testsupport.TestLogins;

/**
 * face-inference's {@code POST /api/v1/analyze} for the tests of this service: a JDK HTTP server on a free port,
 * backed by the real face engine, answering in face-inference's JSON shape and insisting on the admin login as the
 * real one does. A test class that needs it says {@code @QuarkusTestResource(AnalyzeStandIn.class)}, which points
 * {@code storesight.identity.face-inference-url} at it (the engine loads only when a photo arrives).
 */
public final class AnalyzeStandIn implements QuarkusTestResourceLifecycleManager {
    private static HttpServer server;
    /** "METHOD URI Content-Type" of every request, for the tests that check what identity-service sent. */
    static final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the analyze stand-in", e);
        }
        server.createContext("/api/v1/analyze", AnalyzeStandIn::analyze);
        server.start();
        return Map.of(
                "storesight.identity.face-inference-url",
                "http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private static void analyze(HttpExchange exchange) throws IOException {
        String expected = TestLogins.basic(TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":\"login required\"}");
            return;
        }
        byte[] image = exchange.getRequestBody().readAllBytes();
        FaceAnalysis analysis;
        try {
            analysis = RealFaces.pipeline().analyze(image);
        } catch (RuntimeException e) {
            respond(exchange, 400, "{\"error\":\"undecodable image\"}");
            return;
        }
        boolean withDescriptor =
                String.valueOf(exchange.getRequestURI().getQuery()).contains("include=descriptor");
        List<Map<String, Object>> faces = new ArrayList<>();
        for (DetectedFace f : analysis.faces()) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put(
                    "box",
                    Map.of(
                            "x",
                            f.box().x(),
                            "y",
                            f.box().y(),
                            "width",
                            f.box().width(),
                            "height",
                            f.box().height()));
            face.put("score", f.score());
            face.put("age", f.age());
            face.put("ageBand", f.ageBand());
            face.put("gender", f.gender().name());
            if (withDescriptor) {
                face.put("descriptor", f.descriptor());
            }
            faces.add(face);
        }
        respond(
                exchange,
                200,
                EventJson.mapper()
                        .writeValueAsString(
                                Map.of("width", analysis.width(), "height", analysis.height(), "faces", faces)));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
