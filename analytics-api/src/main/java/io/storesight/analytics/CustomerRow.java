package io.storesight.analytics;

/** A customer as the read model knows them: pseudonymous id, latest tier/demographics and counters. */
public record CustomerRow(String customerId, String tier, boolean vip, String label, String ageBand, String gender,
        long firstSeenMs, long lastVisitMs, long visits, long orders, long spendCents) {
}
