package io.storesight.identity.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Accounts;
import io.storesight.common.security.Role;
import io.storesight.contracts.EventJson;
import io.storesight.identity.Descriptors;
import io.storesight.identity.config.IdentityConfig;

/**
 * face-inference's analyze API ({@code POST /api/v1/analyze?include=descriptor}, admin Basic login): the only way this
 * service turns a photo into a descriptor, so it needs no models of its own.
 */
@ApplicationScoped
public class FaceInferenceClient {
    private final IdentityConfig config;
    private final Accounts.Account admin;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FaceInferenceClient(IdentityConfig config, Accounts accounts) {
        this.config = config;
        // The service does not start without the admin account (Secrets).
        this.admin = accounts.account(Role.ADMIN).orElse(null);
    }

    /** The descriptor of the largest face in the photo. */
    public float[] largestFaceDescriptor(byte[] image, String contentType) {
        if (admin == null) {
            throw new ApiException(503, "admin credentials are not configured, so face-inference cannot be asked");
        }
        String url = config.faceInferenceUrl().replaceAll("/+$", "") + "/api/v1/analyze?include=descriptor";
        String credentials = admin.user() + ":" + admin.password();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(
                    503,
                    "face-inference is unreachable at " + config.faceInferenceUrl(),
                    Map.of("cause", String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while waiting for face-inference");
        }
        if (response.statusCode() == 400 || response.statusCode() == 413 || response.statusCode() == 415) {
            throw new ApiException(
                    response.statusCode(),
                    "face-inference refused the photo",
                    Map.of("faceInference", response.body()));
        }
        if (response.statusCode() != 200) {
            throw new ApiException(
                    502, "face-inference answered " + response.statusCode(), Map.of("faceInference", response.body()));
        }
        return largest(response.body());
    }

    private static float[] largest(String body) {
        JsonNode faces;
        try {
            faces = EventJson.mapper().readTree(body).path("faces");
        } catch (IOException e) {
            throw new ApiException(502, "face-inference returned invalid JSON");
        }
        JsonNode best = null;
        double bestArea = -1;
        for (JsonNode face : faces) {
            JsonNode box = face.path("box");
            double area = box.path("width").asDouble() * box.path("height").asDouble();
            if (area > bestArea && face.path("descriptor").isArray()) {
                best = face;
                bestArea = area;
            }
        }
        if (best == null) {
            throw new ApiException(422, "no face found in the photo");
        }
        float[] descriptor = new float[best.path("descriptor").size()];
        for (int i = 0; i < descriptor.length; i++) {
            descriptor[i] = (float) best.path("descriptor").get(i).asDouble();
        }
        try {
            Descriptors.requireValid(descriptor);
        } catch (IllegalArgumentException e) {
            throw new ApiException(502, "face-inference returned an invalid descriptor: " + e.getMessage());
        }
        return descriptor;
    }
}
