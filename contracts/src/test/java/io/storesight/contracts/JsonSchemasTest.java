package io.storesight.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class JsonSchemasTest {

    @Test
    void committedSchemaFilesMatchTheRecords() throws IOException {
        for (Class<? extends Record> event : JsonSchemas.EVENTS) {
            String committed = read("/schemas/" + JsonSchemas.fileName(event));
            assertThat(committed)
                    .as(
                            "%s is out of date: run ./mvnw -pl contracts exec:java and commit the result",
                            JsonSchemas.fileName(event))
                    .isEqualTo(JsonSchemas.schemaText(event));
        }
    }

    @Test
    void schemaListsRequiredAndOptionalFieldsFromTheRecord() {
        JsonNode schema = JsonSchemas.schema(VisitEvent.class);
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(node -> required.add(node.asText()));
        // visitId and startedAt are required of every type but OCCUPANCY: checkFields says so, the schema cannot.
        assertThat(required)
                .contains("eventId", "type", "schemaVersion", "timestamp", "storeId", "visitNumber")
                .doesNotContain("endedAt", "dwellSeconds", "sightingId", "customerId", "visitId", "inside");
        assertThat(schema.at("/properties/type/enum").toString())
                .contains("VISIT_STARTED", "SIGHTING_ENDED", "OCCUPANCY");
        assertThat(schema.at("/properties/timestamp/format").asText()).isEqualTo("date-time");
    }

    @Test
    void nestedRecordsAndArraysAreDescribed() {
        JsonNode schema = JsonSchemas.schema(FaceObservationEvent.class);
        JsonNode face = schema.at("/properties/faces/items");
        assertThat(face.at("/type").asText()).isEqualTo("object");
        assertThat(face.at("/properties/descriptor/items/type").asText()).isEqualTo("number");
        assertThat(face.at("/properties/box/required").toString()).contains("width");
    }

    @Test
    void everyEventValidatesAgainstItsOwnRequiredList() throws IOException {
        for (Event event : List.of(
                SampleEvents.observation(),
                SampleEvents.faceIdentities(),
                SampleEvents.visit(),
                SampleEvents.customer(),
                SampleEvents.order())) {
            @SuppressWarnings("unchecked")
            JsonNode schema = JsonSchemas.schema((Class<? extends Record>) event.getClass());
            JsonNode json = EventJson.mapper().readTree(EventJson.toBytes(event));
            schema.get("required")
                    .forEach(name -> assertThat(json.has(name.asText()))
                            .as("%s has %s", event.getClass().getSimpleName(), name.asText())
                            .isTrue());
            json.fieldNames()
                    .forEachRemaining(name -> assertThat(
                                    schema.at("/properties").has(name))
                            .as("schema of %s describes %s", event.getClass().getSimpleName(), name)
                            .isTrue());
        }
    }

    @Test
    void faceIdentitiesCarryNoDescriptor() {
        JsonNode face = JsonSchemas.schema(FaceIdentityEvent.class).at("/properties/faces/items/properties");
        assertThat(face.has("box")).isTrue();
        face.fieldNames().forEachRemaining(name -> assertThat(name).doesNotContainIgnoringCase("descriptor"));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = JsonSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("schema file %s exists", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
