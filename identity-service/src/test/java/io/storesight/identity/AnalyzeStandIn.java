package io.storesight.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.storesight.contracts.EventJson;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;

/**
 * face-inference's {@code POST /api/v1/analyze} for the tests of this service, on the port the test configuration
 * names: a JDK HTTP server backed by the real face engine, answering in face-inference's JSON shape and insisting on
 * the admin login as the real one does. A test class that needs it says {@code @ExtendWith(AnalyzeStandIn.class)}.
 */
final class AnalyzeStandIn implements BeforeAllCallback, AfterAllCallback {
    private static final int PORT = 18932;
    private static HttpServer server;
    /** "METHOD URI Content-Type" of every request, for the tests that check what identity-service sent. */
    static final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", PORT), 0);
        server.createContext("/api/v1/analyze", AnalyzeStandIn::analyze);
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
    }

    private static void analyze(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("test-admin:test-only-password".getBytes(StandardCharsets.UTF_8));
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
        boolean withDescriptor = String.valueOf(exchange.getRequestURI().getQuery()).contains("include=descriptor");
        List<Map<String, Object>> faces = new ArrayList<>();
        for (DetectedFace f : analysis.faces()) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("box", Map.of("x", f.box().x(), "y", f.box().y(), "width", f.box().width(), "height",
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
        respond(exchange, 200, EventJson.mapper().writeValueAsString(
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
