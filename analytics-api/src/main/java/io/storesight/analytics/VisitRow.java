package io.storesight.analytics;

/** A visit with the customer's tier and demographics at its start; customerId is null once erased. */
public record VisitRow(
        String visitId,
        String customerId,
        String storeId,
        long startedMs,
        Long endedMs,
        Long dwellMs,
        boolean newCustomer,
        int visitNumber,
        String tier,
        String ageBand,
        String gender) {}
