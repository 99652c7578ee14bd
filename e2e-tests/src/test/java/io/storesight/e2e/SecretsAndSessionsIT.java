package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The packaged services as an owner starts them. Item 1: each refuses to start, with one line saying what to set,
 * when the admin password or the session key is missing, short or the .env.example placeholder. Item 2: a page's
 * login survives a restart with the same password, and a changed password ends it.
 */
class SecretsAndSessionsIT {
    private static final Duration START = Duration.ofMinutes(3);
    /** A browser's HTTP/1.1, redirects not followed: the login's answer is the test's to read. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void everyServiceRefusesKnownOrWeakSecretsWithOneLine() {
        Map<Service, Map<String, String>> bad = new EnumMap<>(Service.class);
        Map<Service, String> reason = new EnumMap<>(Service.class);
        bad.put(Service.CAMERA_INGEST, Map.of("STORESIGHT_ADMIN_PASSWORD", "elevenchars"));
        reason.put(Service.CAMERA_INGEST, "STORESIGHT_ADMIN_PASSWORD is shorter than 12 characters");
        bad.put(Service.FACE_INFERENCE, Map.of("STORESIGHT_ADMIN_PASSWORD", "change-me-to-a-long-random-secret"));
        reason.put(Service.FACE_INFERENCE, "STORESIGHT_ADMIN_PASSWORD is the placeholder from .env.example");
        bad.put(Service.IDENTITY, Map.of("STORESIGHT_SESSION_KEY", ""));
        reason.put(Service.IDENTITY, "STORESIGHT_SESSION_KEY is not set");
        bad.put(Service.SALES, Map.of("STORESIGHT_SESSION_KEY", "only-twenty-chars-ok"));
        reason.put(Service.SALES, "STORESIGHT_SESSION_KEY is shorter than 32 characters");
        bad.put(Service.ANALYTICS, Map.of("STORESIGHT_ADMIN_PASSWORD", ""));
        reason.put(Service.ANALYTICS, "STORESIGHT_ADMIN_PASSWORD is not set");

        try (Stack stack = new Stack("secrets", Map.of())) {
            stack.checkPackaged();
            stack.snapshotApps();
            Map<Service, Stack.Instance> refused = new EnumMap<>(Service.class);
            bad.forEach((service, env) ->
                    refused.put(service, stack.addInstance(service, service.module + "-refused", env)));
            refused.values().forEach(instance -> instance.process().start());
            refused.forEach((service, instance) -> {
                ManagedProcess process = instance.process();
                process.await("exit", START, () -> !process.isAlive());
                assertThat(process.exitValue())
                        .as("%s exit status", service.module)
                        .hasValue(1);
                List<String> lines = process.tail(400).lines().toList();
                List<String> refusal = lines.stream()
                        .filter(l -> l.startsWith("refusing to start: "))
                        .toList();
                assertThat(refusal)
                        .as("%s's log:\n%s", service.module, process.tail(40))
                        .hasSize(1);
                assertThat(refusal.get(0)).contains(reason.get(service));
                assertThat(lines)
                        .as("no stack trace in %s's log", service.module)
                        .noneMatch(l -> l.startsWith("\tat "));
            });
        }
    }

    @Test
    void aChangedPasswordEndsThePagesSessionsAndTheSamePasswordKeepsThem() throws Exception {
        try (Stack stack = new Stack("sessions", Map.of())) {
            stack.checkPackaged();
            stack.snapshotApps();
            String first = "first-password-" + System.nanoTime();
            Stack.Instance before = startAnalytics(stack, "analytics-first", first);
            String cookie = formLogin(before.url(), first);
            assertThat(reports(before.url(), cookie))
                    .as("the session right after the login")
                    .isEqualTo(200);
            before.process().stop(Duration.ofSeconds(20));

            Stack.Instance restarted = startAnalytics(stack, "analytics-same-password", first);
            assertThat(reports(restarted.url(), cookie))
                    .as("the session after a restart, same password")
                    .isEqualTo(200);
            restarted.process().stop(Duration.ofSeconds(20));

            String second = "second-password-" + System.nanoTime();
            Stack.Instance changed = startAnalytics(stack, "analytics-new-password", second);
            assertThat(reports(changed.url(), cookie))
                    .as("the old session after a password change")
                    .isEqualTo(401);
            assertThat(reports(changed.url(), formLogin(changed.url(), second)))
                    .as("a new login")
                    .isEqualTo(200);
        }
    }

    private static Stack.Instance startAnalytics(Stack stack, String name, String adminPassword) {
        Stack.Instance instance =
                stack.addInstance(Service.ANALYTICS, name, Map.of("STORESIGHT_ADMIN_PASSWORD", adminPassword));
        instance.process().start();
        instance.process()
                .await(
                        "HTTP up",
                        START,
                        () -> stack.get(instance.url() + "/q/health/live").status() == 200);
        return instance;
    }

    /** Logs in through the login form as a browser does; the session cookie it is given. */
    private static String formLogin(String url, String password) throws IOException, InterruptedException {
        String form = "j_username=" + URLEncoder.encode(Stack.ADMIN_USER, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/j_security_check"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString().doesNotContain("error");
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    private static int reports(String url, String cookie) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/reports/dimensions"))
                                .header("Accept", "application/json")
                                .header("Cookie", cookie)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
