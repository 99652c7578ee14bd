package io.storesight.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class EventJsonTest {

    @Test
    void faceObservationRoundTrips() {
        FaceObservationEvent event = SampleEvents.observation();
        FaceObservationEvent back = EventJson.fromBytes(EventJson.toBytes(event), FaceObservationEvent.class);
        // float[] has identity equality in a record, so compare it apart from the rest.
        assertThat(back.faces().get(0).descriptor())
                .containsExactly(event.faces().get(0).descriptor());
        assertThat(back).usingRecursiveComparison().isEqualTo(event);
        assertThat(back.eventId()).isEqualTo("obs-cam-1-42");
    }

    @Test
    void faceIdentitiesRoundTripAndDeriveTheirIdFromTheObservation() {
        FaceIdentityEvent event = SampleEvents.faceIdentities();
        assertThat(EventJson.fromJson(EventJson.toJson(event), FaceIdentityEvent.class))
                .isEqualTo(event);
        assertThat(event.eventId()).isEqualTo("faces-obs-cam-1-42");
    }

    @Test
    void aCustomerFaceWithoutItsCustomerIsRefused() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.faceIdentities()));
        ((ObjectNode) json.withArray("faces").get(0)).remove("customerId");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), FaceIdentityEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    void visitRoundTrips() {
        VisitEvent event = SampleEvents.visit();
        assertThat(EventJson.fromJson(EventJson.toJson(event), VisitEvent.class))
                .isEqualTo(event);
    }

    @Test
    void customerEventRoundTrips() {
        CustomerEvent event = SampleEvents.customer();
        assertThat(EventJson.fromJson(EventJson.toJson(event), CustomerEvent.class))
                .isEqualTo(event);
    }

    @Test
    void anUpdateCarriesTheStaffFlagAndAnOlderEventWithoutItReadsAsUnchanged() throws Exception {
        CustomerEvent staff = CustomerEvent.updated(
                "c-7",
                3,
                new CustomerEvent.Profile("REGULAR", "Mina", false, "20-29", "FEMALE", true),
                SampleEvents.T0);
        CustomerEvent back = EventJson.fromJson(EventJson.toJson(staff), CustomerEvent.class);
        assertThat(back.staff()).isTrue();

        ObjectNode older = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(staff));
        older.remove("staff");
        assertThat(EventJson.fromJson(older.toString(), CustomerEvent.class).staff())
                .isNull();
    }

    @Test
    void orderRoundTripsWithExactMoney() {
        OrderEvent event = SampleEvents.order();
        OrderEvent back = EventJson.fromJson(EventJson.toJson(event), OrderEvent.class);
        assertThat(back).isEqualTo(event);
        assertThat(back.total()).isEqualByComparingTo("12.20");
    }

    @Test
    void optionalNullsAreOmittedAndReadBack() {
        VisitEvent event = SampleEvents.visit();
        String json = EventJson.toJson(event);
        assertThat(json).doesNotContain("sightingId");
        assertThat(EventJson.fromJson(json, VisitEvent.class).sightingId()).isNull();
    }

    @Test
    void anIdWithMarkupIsRefusedNamingTheField() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.order()));
        json.put("storeId", "\"><img src=x onerror=alert(1)>");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), OrderEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'storeId'");
        ObjectNode customer = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.customer()));
        customer.putArray("visitIds").add("ok-1").add("not ok");
        assertThatThrownBy(() -> EventJson.fromJson(customer.toString(), CustomerEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'visitIds'");
        ObjectNode order = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.order()));
        ((ObjectNode) order.withArray("items").get(0)).put("menuItemId", "x".repeat(65));
        assertThatThrownBy(() -> EventJson.fromJson(order.toString(), OrderEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("items[0].menuItemId");
    }

    @Test
    void unknownFieldsAreTolerated() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.order()));
        json.put("addedInVersion2", "whatever");
        ((ObjectNode) json.withArray("items").get(0)).put("allergens", "milk");
        OrderEvent back = EventJson.fromJson(json.toString(), OrderEvent.class);
        // The tree re-renders 4.50 as 4.5: the same amount, so compare money by value.
        assertThat(back)
                .usingRecursiveComparison()
                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                .isEqualTo(SampleEvents.order());
    }

    @Test
    void missingRequiredFieldIsNamed() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.visit()));
        json.remove("customerId");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), VisitEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    void anAnonymousVisitHasNoCustomerButEveryOtherVisitNeedsOne() throws Exception {
        VisitEvent pass = VisitEvent.anonymousVisit(
                "t-1",
                "store-1",
                "cam-1",
                "entrance",
                "20-29",
                "MALE",
                Instant.parse("2026-05-04T12:00:00Z"),
                Instant.parse("2026-05-04T12:00:07.5Z"));
        VisitEvent back = EventJson.fromJson(EventJson.toJson(pass), VisitEvent.class);
        assertThat(back).isEqualTo(pass);
        assertThat(back.identified()).isFalse();
        assertThat(back.customerId()).isNull();
        assertThat(back.dwellSeconds()).isEqualTo(7.5);
        assertThat(back.eventId()).isEqualTo("visitor-t-1");

        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.visit()));
        json.remove("tier");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), VisitEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("tier")
                .hasMessageContaining("VISIT_ENDED");
    }

    @Test
    void anOccupancyCarriesItsCountsAndNoVisitButEveryOtherTypeNeedsAVisit() throws Exception {
        VisitEvent occupancy = VisitEvent.occupancy("store-1", Instant.parse("2026-05-04T12:00:00Z"), 3, 2);
        VisitEvent back = EventJson.fromJson(EventJson.toJson(occupancy), VisitEvent.class);
        assertThat(back).isEqualTo(occupancy);
        assertThat(back.inside()).isEqualTo(5);
        assertThat(back.identified()).isFalse();
        assertThat(back.eventId())
                .isEqualTo("occupancy-store-1-"
                        + Instant.parse("2026-05-04T12:00:00Z").toEpochMilli());

        ObjectNode missing = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(occupancy));
        missing.remove("visitors");
        assertThatThrownBy(() -> EventJson.fromJson(missing.toString(), VisitEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("visitors");
        ObjectNode wrongSum = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(occupancy));
        wrongSum.put("inside", 9);
        assertThatThrownBy(() -> EventJson.fromJson(wrongSum.toString(), VisitEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("inside = customers + visitors");

        ObjectNode noVisit = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.visit()));
        noVisit.remove("visitId");
        assertThatThrownBy(() -> EventJson.fromJson(noVisit.toString(), VisitEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("visitId")
                .hasMessageContaining("VISIT_ENDED");
    }

    @Test
    void aSplitNamesWhereItCameFromAndWhatMoved() throws Exception {
        CustomerEvent split = CustomerEvent.split(
                "c-new",
                "c-old",
                List.of("v-2"),
                List.of("s-3", "s-4"),
                new CustomerEvent.Profile("NEW", null, false, "40-49", "MALE", false),
                "split by admin",
                Instant.parse("2026-05-04T12:00:00Z"));
        assertThat(EventJson.fromJson(EventJson.toJson(split), CustomerEvent.class))
                .isEqualTo(split);
        assertThat(split.eventId()).isEqualTo("customer-c-new-split-from-c-old");

        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(split));
        json.remove("sightingIds");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), CustomerEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("sightingIds");
    }

    @Test
    void missingNestedFieldIsNamedWithItsPath() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.observation()));
        ((ObjectNode) json.withArray("faces").get(0)).remove("descriptor");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), FaceObservationEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("faces[0].descriptor");
    }

    @Test
    void missingPrimitiveFieldIsNamed() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.order()));
        json.putNull("orderNumber");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), OrderEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("orderNumber");
    }

    @Test
    void unknownEnumValueIsNamed() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.visit()));
        json.put("type", "VISIT_TELEPORTED");
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), VisitEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("VISIT_TELEPORTED")
                .hasMessageContaining("type");
    }

    @Test
    void malformedJsonIsRejectedClearly() {
        assertThatThrownBy(() -> EventJson.fromJson("{not json", OrderEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("OrderEvent");
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[0], OrderEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void zeroSchemaVersionIsRejected() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.toJson(SampleEvents.customer()));
        json.put("schemaVersion", 0);
        assertThatThrownBy(() -> EventJson.fromJson(json.toString(), CustomerEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("schemaVersion");
    }
}
