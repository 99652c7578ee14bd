package io.storesight.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bodies that no endpoint may accept, derived deterministically from a seed and one valid example: JSON cut short,
 * fields of the wrong kind, numbers too large for any field, nesting thousands deep, invalid UTF-8, binary junk,
 * image bytes with broken headers, multipart forms without their parts. {@link #send} posts each to an endpoint and
 * fails on any answer but a 4xx, then checks that the service is still ready: a client's mistake is the client's
 * (4xx, with a reason), never the server's (5xx), and never takes the service down.
 */
public final class MalformedBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** HTTP/1.1, as browsers and most programs speak to a plain-http server (no h2c upgrade). */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** One body: what it is (for the failure message), its Content-Type (null: none) and its bytes. */
    public record Body(String description, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return description + " (" + contentType + ", " + bytes.length + " bytes)";
        }
    }

    /** {@code count} malformed JSON bodies built from {@code validExample} (a JSON object the endpoint accepts). */
    public static List<Body> json(long seed, int count, String validExample) {
        JsonNode example = parse(validExample);
        SplittableRandom random = new SplittableRandom(seed);
        List<Function<SplittableRandom, Body>> kinds = List.of(
                r -> truncated(validExample, r),
                r -> wrongKind(example, r),
                r -> hugeNumber(example, r),
                r -> deeplyNested(example, r),
                r -> new Body(
                        "invalid UTF-8 in a string",
                        "application/json",
                        join(
                                validExample
                                        .substring(0, validExample.indexOf(':') + 1)
                                        .getBytes(StandardCharsets.UTF_8),
                                new byte[] {'"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'})),
                r -> new Body("binary junk", "application/json", junk(r, 1 + r.nextInt(2048))),
                r -> new Body(
                        "a JSON " + List.of("array", "string", "number", "null").get(r.nextInt(4))
                                + " instead of an object",
                        "application/json",
                        List.of("[]", "\"text\"", "42", "null")
                                .get(r.nextInt(4))
                                .getBytes(StandardCharsets.UTF_8)),
                r -> {
                    String type = List.of("text/plain", "application/xml").get(r.nextInt(2));
                    return new Body("the example as " + type, type, validExample.getBytes(StandardCharsets.UTF_8));
                });
        return generate(random, count, kinds);
    }

    /**
     * {@code count} malformed image bodies of {@code contentType} (image/jpeg or image/png) built from a valid
     * photo: cut short, header broken, a header declaring a gigapixel image, junk, nothing, or JSON.
     */
    public static List<Body> image(long seed, int count, String contentType, byte[] validPhoto) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Function<SplittableRandom, Body>> kinds = List.of(
                r -> {
                    int length = 1 + r.nextInt(Math.max(1, validPhoto.length / 2));
                    return new Body("the photo cut to " + length + " bytes", contentType, slice(validPhoto, length));
                },
                r -> {
                    byte[] broken = validPhoto.clone();
                    for (int i = 0; i < Math.min(16, broken.length); i++) {
                        broken[i] = (byte) r.nextInt(256);
                    }
                    return new Body("the photo with a random header", contentType, broken);
                },
                r -> new Body("a PNG header declaring 60000x60000 pixels", contentType, hugePng()),
                r -> new Body("binary junk", contentType, junk(r, 1 + r.nextInt(4096))),
                r -> new Body("an empty body", contentType, new byte[0]),
                r -> new Body(
                        "JSON instead of an image",
                        contentType,
                        "{\"image\":\"not really\"}".getBytes(StandardCharsets.UTF_8)),
                r -> new Body("the photo as text/plain", "text/plain", validPhoto));
        return generate(random, count, kinds);
    }

    /**
     * {@code count} malformed multipart bodies for a form whose file fields are {@code fields}: parts missing,
     * parts holding junk or a cut photo, a broken boundary, or not multipart at all.
     */
    public static List<Body> multipart(long seed, int count, List<String> fields, byte[] validPhoto) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Function<SplittableRandom, Body>> kinds = List.of(
                r -> form("no parts at all", Map.of()),
                r -> {
                    Map<String, byte[]> parts = new TreeMap<>();
                    fields.forEach(f -> parts.put(f, junk(r, 1 + r.nextInt(2048))));
                    return form("every part binary junk", parts);
                },
                r -> {
                    Map<String, byte[]> parts = new TreeMap<>();
                    fields.forEach(f -> parts.put(f, slice(validPhoto, 1 + r.nextInt(validPhoto.length / 2))));
                    return form("every part a cut photo", parts);
                },
                r -> {
                    Map<String, byte[]> parts = new TreeMap<>();
                    fields.forEach(f -> parts.put(f + "-misnamed", validPhoto));
                    return form("parts under other names", parts);
                },
                r -> new Body(
                        "a multipart type whose body has no boundary",
                        "multipart/form-data; boundary=xyz",
                        junk(r, 1 + r.nextInt(1024))),
                r -> new Body("multipart without a boundary parameter", "multipart/form-data", validPhoto));
        return generate(random, count, kinds);
    }

    /**
     * {@code count} malformed bodies for a login form ({@code j_username}, {@code j_password}): fields missing or
     * doubled, megabyte values, broken percent-encoding, binary junk, JSON instead of a form.
     */
    public static List<Body> loginForm(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        String type = "application/x-www-form-urlencoded";
        List<Function<SplittableRandom, Body>> kinds = List.of(
                r -> new Body("no fields", type, new byte[0]),
                r -> new Body("only a user", type, "j_username=admin".getBytes(StandardCharsets.UTF_8)),
                r -> new Body(
                        "broken percent-encoding",
                        type,
                        "j_username=%zz%&j_password=%E0%A4%A".getBytes(StandardCharsets.UTF_8)),
                r -> new Body(
                        "a 100 KB password",
                        type,
                        ("j_username=admin&j_password=" + "x".repeat(100_000 + r.nextInt(10_000)))
                                .getBytes(StandardCharsets.UTF_8)),
                r -> new Body(
                        "doubled fields",
                        type,
                        "j_username=a&j_username=b&j_password=c&j_password=d".getBytes(StandardCharsets.UTF_8)),
                r -> new Body("binary junk", type, junk(r, 1 + r.nextInt(2048))),
                r -> new Body(
                        "JSON instead of a form",
                        "application/json",
                        "{\"j_username\":\"admin\",\"j_password\":[1]}".getBytes(StandardCharsets.UTF_8)));
        return generate(random, count, kinds);
    }

    /** The result of {@link #send}: how many bodies each status answered. */
    public record Report(Map<Integer, Integer> statuses, int sent) {}

    /**
     * Sends every body to {@code method url} with {@code headers} (credentials, say) and fails, naming the first
     * offenders, unless every answer is a 4xx; then fails unless {@code readiness} answers 200.
     */
    public static Report send(String method, URI url, Map<String, String> headers, List<Body> bodies, URI readiness) {
        return send(method, url, headers, bodies, readiness, status -> status >= 400 && status < 500, "a 4xx");
    }

    /**
     * As {@link #send}, for a login form: a refused login sends the browser back to the login page (a redirect),
     * so the answer must be a 3xx or a 4xx.
     */
    public static Report sendToLoginForm(URI url, List<Body> bodies, URI readiness) {
        return send(
                "POST",
                url,
                Map.of(),
                bodies,
                readiness,
                status -> status >= 300 && status < 500,
                "a redirect to the login page or a 4xx");
    }

    private static Report send(
            String method,
            URI url,
            Map<String, String> headers,
            List<Body> bodies,
            URI readiness,
            java.util.function.IntPredicate expected,
            String expectation) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Body body : bodies) {
            int status = status(method, url, headers, body);
            statuses.merge(status, 1, Integer::sum);
            if (!expected.test(status)) {
                wrong.add(status + " for " + body);
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError(method + " " + url + ": " + wrong.size() + " of " + bodies.size()
                    + " malformed bodies were not answered with " + expectation + " (statuses " + statuses
                    + "), e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
        }
        int ready = status("GET", readiness, Map.of(), null);
        if (ready != 200) {
            throw new AssertionError("not ready after the malformed bodies: " + readiness + " answered " + ready);
        }
        return new Report(statuses, bodies.size());
    }

    private static int status(String method, URI url, Map<String, String> headers, Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        headers.forEach(request::header);
        if (body != null && body.contentType() != null && !body.contentType().isEmpty()) {
            request.header("Content-Type", body.contentType());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " with " + body + ": no answer (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<Body> generate(
            SplittableRandom random, int count, List<Function<SplittableRandom, Body>> kinds) {
        List<Body> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(kinds.get(i % kinds.size()).apply(random));
        }
        return bodies;
    }

    private static Body truncated(String example, SplittableRandom random) {
        int cut = random.nextInt(Math.max(1, example.length() - 1));
        return new Body(
                "the example cut after " + cut + " characters",
                "application/json",
                example.substring(0, cut).getBytes(StandardCharsets.UTF_8));
    }

    /** One field (at any depth) given a value of another kind: a container for a scalar, a scalar for a container. */
    private static Body wrongKind(JsonNode example, SplittableRandom random) {
        JsonNode copy = example.deepCopy();
        Field field = pick(copy, random);
        JsonNode replacement = field.value().isContainerNode()
                ? List.<JsonNode>of(
                                NODES.textNode("not-" + (field.value().isArray() ? "a-list" : "an-object")),
                                NODES.numberNode(7),
                                NODES.booleanNode(true))
                        .get(random.nextInt(3))
                : List.<JsonNode>of(
                                NODES.objectNode().put("unexpected", 1),
                                NODES.arrayNode().add(1).add("two"))
                        .get(random.nextInt(2));
        field.set(replacement);
        return new Body("field " + field.path() + " as " + replacement, "application/json", bytes(copy));
    }

    /**
     * A number no numeric field takes: beyond every integer type, beyond double, or longer than a parser accepts.
     * (A number given to a text field may be read as text, so only the example's numbers are replaced; without any,
     * the number is the whole body.)
     */
    private static Body hugeNumber(JsonNode example, SplittableRandom random) {
        String number = switch (random.nextInt(4)) {
            case 0 -> "1e400";
            case 1 -> "-99999999999999999999999999999999999999";
            case 2 -> "9".repeat(2000 + random.nextInt(3000));
            default -> "1" + "0".repeat(400) + "." + "0".repeat(10) + "1";
        };
        List<Field> numbers = new ArrayList<>();
        JsonNode copy = example.deepCopy();
        collect(copy, copy, "", numbers);
        numbers.removeIf(field -> !field.value().isNumber());
        if (numbers.isEmpty()) {
            return new Body(
                    "a " + number.length() + "-character number as the body",
                    "application/json",
                    number.getBytes(StandardCharsets.UTF_8));
        }
        Field field = numbers.get(random.nextInt(numbers.size()));
        // The raw number text goes where the field's value was: a JSON tree cannot hold some of these numbers.
        field.set(NODES.textNode("__number__"));
        String json = bytesText(copy).replace("\"__number__\"", number);
        return new Body(
                "field " + field.path() + " = a " + number.length() + "-character number",
                "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static Body deeplyNested(JsonNode example, SplittableRandom random) {
        int depth = 1500 + random.nextInt(3000);
        boolean arrays = random.nextBoolean();
        StringBuilder nested = new StringBuilder(depth * 6);
        nested.append((arrays ? "[" : "{\"a\":").repeat(depth)).append('1').append((arrays ? "]" : "}").repeat(depth));
        Field field = pick(example.deepCopy(), random);
        field.set(NODES.textNode("__nested__"));
        String json = bytesText(field.root()).replace("\"__nested__\"", nested);
        return new Body(
                "field " + field.path() + " nested " + depth + " deep",
                "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A field of the tree: its path, value, and how to replace it. */
    private record Field(JsonNode root, String path, JsonNode value, java.util.function.Consumer<JsonNode> setter) {
        void set(JsonNode replacement) {
            setter.accept(replacement);
        }
    }

    private static Field pick(JsonNode root, SplittableRandom random) {
        List<Field> fields = new ArrayList<>();
        collect(root, root, "", fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("the example needs at least one field: " + root);
        }
        return fields.get(random.nextInt(fields.size()));
    }

    private static void collect(JsonNode root, JsonNode node, String path, List<Field> fields) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String child = path.isEmpty() ? name : path + "." + name;
                fields.add(new Field(root, child, entry.getValue(), value -> object.set(name, value)));
                collect(root, entry.getValue(), child, fields);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                fields.add(new Field(root, path + "[" + i + "]", array.get(i), value -> array.set(index, value)));
                collect(root, array.get(i), path + "[" + i + "]", fields);
            }
        }
    }

    private static Body form(String description, Map<String, byte[]> parts) {
        String boundary = "storesight-malformed-" + description.hashCode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, byte[]> ordered = new LinkedHashMap<>(parts);
        ordered.forEach((name, bytes) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                            + name + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Body(description, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    /** A valid PNG signature and IHDR chunk announcing 60000x60000 pixels, and nothing after. */
    private static byte[] hugePng() {
        byte[] png = {
            (byte) 0x89,
            'P',
            'N',
            'G',
            '\r',
            '\n',
            0x1a,
            '\n',
            0,
            0,
            0,
            13,
            'I',
            'H',
            'D',
            'R',
            0,
            0,
            (byte) 0xEA,
            0x60,
            0,
            0,
            (byte) 0xEA,
            0x60,
            8,
            2,
            0,
            0,
            0,
            0,
            0,
            0,
            0
        };
        return png;
    }

    private static byte[] junk(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        // Never a valid image or JSON by accident: no JPEG/PNG signature, no JSON start.
        bytes[0] = 0x01;
        return bytes;
    }

    private static byte[] slice(byte[] bytes, int length) {
        byte[] copy = new byte[Math.min(length, bytes.length)];
        System.arraycopy(bytes, 0, copy, 0, copy.length);
        return copy;
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the example is not JSON: " + json, e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return bytesText(node).getBytes(StandardCharsets.UTF_8);
    }

    private static String bytesText(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MalformedBodies() {}
}
