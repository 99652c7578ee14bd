package io.storesight.identity;

import static io.restassured.RestAssured.given;
import static io.storesight.identity.IdentityTestSupport.admin;
import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.send;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.storesight.contracts.EventJson;
import io.storesight.identity.RealFaces.Person;
import io.storesight.identity.service.AlertDispatcher;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.OptOutService;
import io.storesight.kafka.LocalKafkaResource;
import io.storesight.testsupport.Await;
import io.storesight.testsupport.Db;
import io.storesight.testsupport.Slow;
import io.storesight.testsupport.TestLogins;

/**
 * Arrival alerts of VIP and watched customers, their visits started through the real broker: the SSE stream of the
 * console pages, and a real HTTP receiver as the webhook (signature checked, a 500 answered first).
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@Slow
@TestProfile(AlertsTest.WithWebhook.class)
class AlertsTest {
    static final String SECRET = "test-only-webhook-secret-0123";
    static final String PORT_PROPERTY = "storesight.test.webhook-port";
    static final Receiver RECEIVER = new Receiver();

    /**
     * The webhook points at a receiver this test runs on a port of its own. The profile and the test may be loaded by
     * different class loaders, so the port travels as a system property.
     */
    public static class WithWebhook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Asked more than once (by each class loader): the first answer stands.
            synchronized (System.class) {
                if (System.getProperty(PORT_PROPERTY) == null) {
                    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                        System.setProperty(PORT_PROPERTY, Integer.toString(socket.getLocalPort()));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            int port = Integer.getInteger(PORT_PROPERTY);
            return Map.of(
                    "storesight.identity.alerts.webhook-url",
                    "http://127.0.0.1:" + port + "/hook",
                    "storesight.identity.alerts.webhook-secret",
                    SECRET,
                    "storesight.identity.alerts.retry-initial",
                    "200ms");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    OptOutService optOuts;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String store;
    private Stream stream;

    @BeforeEach
    void reset() {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
        optOuts.list().forEach(o -> optOuts.delete(o.id()));
        store = camera("store");
        RECEIVER.start(Integer.getInteger(PORT_PROPERTY));
        RECEIVER.reset();
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
    }

    @Test
    void aVipsArrivalReachesTheStreamAndTheWebhookSignedAndRetriedAfterA500() throws Exception {
        String cam = camera("entrance");
        Person p = RealFaces.clear().get(5);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, p));
        String id = customerIds(dataSource).get(0);
        admin().contentType("application/json")
                .body(Map.of("vip", true, "label", "Ms Kim"))
                .patch("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .body("tier", equalTo("VIP"));
        stream = Stream.open(port, TestLogins.STAFF_USER, TestLogins.STAFF_PASSWORD);
        RECEIVER.failNext(1);

        // Gone longer than the absence threshold, then back: a new visit starts.
        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(21), 300, 2, p));

        Stream.Received alert = stream.await("alert");
        JsonNode json = EventJson.mapper().readTree(alert.data());
        assertThat(json.get("kind").asText()).isEqualTo("VIP_ARRIVED");
        assertThat(json.get("customerId").asText()).isEqualTo(id);
        assertThat(json.get("label").asText()).isEqualTo("Ms Kim");
        assertThat(json.get("tier").asText()).isEqualTo("VIP");
        assertThat(json.get("vip").asBoolean()).isTrue();
        assertThat(json.get("storeId").asText()).isEqualTo(store);
        assertThat(json.get("camera").asText()).isEqualTo(cam);
        assertThat(json.has("at")).isTrue();
        String alertId = json.get("id").asText();
        long committed = Db.count(dataSource, "SELECT created_at FROM alerts WHERE id = ?", alertId);
        System.out.printf("alert latency: VISIT_STARTED commit to SSE event %d ms%n", alert.at() - committed);

        // The webhook: refused once with a 500, delivered again with the same id, signed over the body.
        Await.until("the webhook retried after its 500", () -> RECEIVER.requests.size() >= 2);
        Receiver.Request first = RECEIVER.requests.get(0);
        Receiver.Request second = RECEIVER.requests.get(1);
        assertThat(first.status()).isEqualTo(500);
        assertThat(second.status()).isEqualTo(200);
        for (Receiver.Request request : List.of(first, second)) {
            assertThat(request.alertId()).isEqualTo(alertId);
            assertThat(request.signature()).isEqualTo(AlertDispatcher.signature(SECRET, request.body()));
            assertThat(EventJson.mapper().readTree(request.body()).get("id").asText())
                    .isEqualTo(alertId);
        }
        assertThat(request(second)).isEqualTo(alert.data());
        Await.until(
                "the alert marked delivered",
                () -> Db.count(
                                dataSource,
                                "SELECT COUNT(*) FROM alerts WHERE id = ? AND delivered_at IS NOT NULL",
                                alertId)
                        == 1);
        assertThat(RECEIVER.requests).hasSize(2);

        // Erasure takes the customer's alerts too.
        customers.erase(id, "asked to be forgotten");
        assertThat(Db.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE customer_id = ?", id))
                .isZero();
    }

    @Test
    void aWatchedCustomersArrivalIsAWatchedAlertAndAnOrdinaryOneNone() throws Exception {
        String cam = camera("entrance");
        Person watched = RealFaces.clear().get(6);
        Person ordinary = RealFaces.clear().get(7);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, watched, ordinary));
        List<String> ids = customerIds(dataSource);
        assertThat(ids).hasSize(2);
        String watchedId =
                admin().get("/api/v1/customers").then().extract().jsonPath().getList("items.id", String.class).stream()
                        .filter(ids::contains)
                        .findFirst()
                        .orElseThrow();
        admin().contentType("application/json")
                .body(Map.of("watched", true))
                .patch("/api/v1/customers/" + watchedId)
                .then()
                .statusCode(200)
                .body("watched", equalTo(true))
                .body("vip", equalTo(false));
        admin().get("/api/v1/customers/" + watchedId).then().statusCode(200).body("customer.watched", equalTo(true));
        stream = Stream.open(port, TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD);

        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(21), 300, 2, watched, ordinary));

        JsonNode json = EventJson.mapper().readTree(stream.await("alert").data());
        assertThat(json.get("kind").asText()).isEqualTo("WATCHED_ARRIVED");
        assertThat(json.get("customerId").asText()).isEqualTo(watchedId);
        Await.until("the webhook got it", () -> RECEIVER.requests.size() == 1);
        assertThat(Db.count(dataSource, "SELECT COUNT(*) FROM alerts"))
                .as("the other customer raised none")
                .isEqualTo(1);
    }

    @Test
    void theStreamNeedsALoginAndAnswersCorsToConsoleOriginsOnly() throws Exception {
        given().get("/api/v1/alerts/stream").then().statusCode(401);
        try (Stream open =
                Stream.open(port, TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD, "http://localhost:8081")) {
            assertThat(open.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8081");
            assertThat(open.headers().firstValue("Access-Control-Allow-Credentials"))
                    .hasValue("true");
            assertThat(open.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            assertThat(open.await(null).comment()).isEqualTo("ping");
        }
        try (Stream foreign =
                Stream.open(port, TestLogins.ADMIN_USER, TestLogins.ADMIN_PASSWORD, "http://evil.example")) {
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
        admin().header("Origin", "http://localhost:8081")
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        // A console page's own login (the one session cookie) opens it too, as the shell's EventSource does.
        var session = given().redirects()
                .follow(false)
                .formParam("j_username", TestLogins.STAFF_USER)
                .formParam("j_password", TestLogins.STAFF_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract()
                .detailedCookie("quarkus-credential");
        try (Stream withSession = Stream.open(
                port,
                Map.of("Cookie", session.getName() + "=" + session.getValue(), "Origin", "http://localhost:8085"))) {
            assertThat(withSession.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("http://localhost:8085");
            assertThat(withSession.await(null).comment()).isEqualTo("ping");
        }
    }

    private static String request(Receiver.Request request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    /** An SSE client reading the stream line by line on a thread of its own. */
    static final class Stream implements AutoCloseable {
        record Received(String event, String data, String comment, long at) {}

        private final HttpResponse<InputStream> response;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private Stream(HttpResponse<InputStream> response) {
            this.response = response;
            this.reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(int port, String user, String password) throws Exception {
            return open(port, user, password, null);
        }

        static Stream open(int port, String user, String password, String origin) throws Exception {
            Map<String, String> headers = new java.util.HashMap<>();
            headers.put(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            if (origin != null) {
                headers.put("Origin", origin);
            }
            return open(port, headers);
        }

        static Stream open(int port, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                    .header("Accept", "text/event-stream");
            headers.forEach(request::header);
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            return new Stream(response);
        }

        java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        /** The first event named {@code event} (null: the first comment). */
        Received await(String event) {
            Await.until(
                    "an SSE " + (event == null ? "comment" : event + " event"),
                    () -> received.stream()
                            .anyMatch(r -> event == null ? r.comment() != null : event.equals(r.event())));
            return received.stream()
                    .filter(r -> event == null ? r.comment() != null : event.equals(r.event()))
                    .findFirst()
                    .orElseThrow();
        }

        private void read() {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (event != null || data.length() > 0) {
                            received.add(new Received(event, data.toString(), null, System.currentTimeMillis()));
                        }
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        received.add(new Received(null, null, line.substring(1).strip(), System.currentTimeMillis()));
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.length() > 0 ? "\n" : "")
                                .append(line.substring(5).strip());
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** The webhook's receiver: a JDK HTTP server that records each request and answers 500 when told to. */
    static final class Receiver {
        record Request(String alertId, String signature, byte[] body, int status) {}

        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private HttpServer server;

        synchronized void start(int port) {
            if (server == null) {
                try {
                    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                server.createContext("/hook", exchange -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    int status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
                    requests.add(new Request(
                            exchange.getRequestHeaders().getFirst(AlertDispatcher.ID_HEADER),
                            exchange.getRequestHeaders().getFirst(AlertDispatcher.SIGNATURE_HEADER),
                            body,
                            status));
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
                server.start();
            }
        }

        void failNext(int count) {
            failures.set(count);
        }

        void reset() {
            requests.clear();
            failures.set(0);
        }
    }
}
