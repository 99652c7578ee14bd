package io.storesight.identity;

/** Presence of a customer in one store (times in epoch ms; endedAt null while open). */
public record Visit(
        String id, String customerId, String storeId, int visitNumber, long startedAt, long lastSeenAt, Long endedAt) {}
