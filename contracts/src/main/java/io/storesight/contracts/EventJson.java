package io.storesight.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON codec for events. Unknown fields are ignored (newer producers may add fields); a missing required
 * field, a wrong type or malformed JSON is an {@link InvalidEventException} whose message names the problem.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A mapper configured like the codec, for services that need one (e.g. to read a nested value). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static String toJson(Event event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    public static <T extends Record & Event> T fromJson(String json, Class<T> type) {
        if (json == null) {
            throw new InvalidEventException("empty message: expected a " + type.getSimpleName());
        }
        return fromBytes(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static <T extends Record & Event> T fromBytes(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("empty message: expected a " + type.getSimpleName());
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (MismatchedInputException e) {
            throw new InvalidEventException(describe(e, type), e);
        } catch (JsonMappingException e) {
            throw new InvalidEventException("invalid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEventException(
                    "malformed JSON for " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
        if (event == null) {
            throw new InvalidEventException("null message: expected a " + type.getSimpleName());
        }
        RequiredFields.check(event);
        event.checkFields();
        if (event.schemaVersion() < 1) {
            throw new InvalidEventException(
                    "invalid schemaVersion " + event.schemaVersion() + " in " + type.getSimpleName());
        }
        return event;
    }

    private static String describe(MismatchedInputException e, Class<?> type) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        if (e instanceof InvalidFormatException format) {
            return "invalid value '" + format.getValue() + "' for field '" + path + "' in " + type.getSimpleName();
        }
        if (path.isEmpty()) {
            return "invalid " + type.getSimpleName() + ": " + firstLine(e.getOriginalMessage());
        }
        return "invalid field '" + path + "' in " + type.getSimpleName() + ": " + firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private EventJson() {}
}
