package io.storesight.contracts;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Schema (draft 2020-12) of each event, derived from the records so that the files in
 * {@code src/main/resources/schemas} cannot drift from the code: a test compares them, and
 * {@code ./mvnw -pl contracts exec:java} rewrites them after a deliberate change.
 */
public final class JsonSchemas {
    public static final List<Class<? extends Record>> EVENTS = List.of(
            FaceObservationEvent.class,
            FaceIdentityEvent.class,
            VisitEvent.class,
            CustomerEvent.class,
            OrderEvent.class);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public static String fileName(Class<?> event) {
        return event.getSimpleName() + ".schema.json";
    }

    public static String schemaText(Class<? extends Record> event) {
        try {
            return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema(event)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode schema(Class<? extends Record> event) {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "storesight:" + event.getSimpleName() + ":v1");
        root.put("title", event.getSimpleName());
        root.setAll(objectSchema(event));
        return root;
    }

    private static ObjectNode objectSchema(Class<?> record) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            ObjectNode property = typeSchema(component.getGenericType());
            if (component.isAnnotationPresent(IdField.class)) {
                (property.has("items") ? (ObjectNode) property.get("items") : property)
                        .put("pattern", "^" + Ids.PATTERN + "$");
            }
            properties.set(component.getName(), property);
            if (component.getType().isPrimitive() || !component.isAnnotationPresent(OptionalField.class)) {
                required.add(component.getName());
            }
        }
        node.set("required", required);
        return node;
    }

    private static ObjectNode typeSchema(Type type) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                node.put("type", "array");
                node.set("items", typeSchema(arguments[0]));
                return node;
            }
            if (Map.class.isAssignableFrom(raw)) {
                node.put("type", "object");
                node.set("additionalProperties", typeSchema(arguments[1]));
                return node;
            }
            throw new IllegalArgumentException("unsupported type " + type);
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            node.put("type", "string");
        } else if (cls == Instant.class) {
            node.put("type", "string");
            node.put("format", "date-time");
        } else if (cls == int.class || cls == long.class || cls == Integer.class || cls == Long.class) {
            node.put("type", "integer");
        } else if (cls == float.class
                || cls == double.class
                || cls == Float.class
                || cls == Double.class
                || cls == BigDecimal.class) {
            node.put("type", "number");
        } else if (cls == boolean.class || cls == Boolean.class) {
            node.put("type", "boolean");
        } else if (cls.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : cls.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (cls.isArray()) {
            node.put("type", "array");
            node.set("items", typeSchema(cls.getComponentType()));
        } else if (cls.isRecord()) {
            return objectSchema(cls);
        } else {
            throw new IllegalArgumentException("unsupported type " + cls);
        }
        return node;
    }

    /** Writes every schema file into the given directory (default: this module's resources). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/schemas");
        Files.createDirectories(dir);
        for (Class<? extends Record> event : EVENTS) {
            Files.writeString(dir.resolve(fileName(event)), schemaText(event));
        }
    }

    private JsonSchemas() {}
}
