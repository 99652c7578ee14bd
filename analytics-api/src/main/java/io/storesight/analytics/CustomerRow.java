package io.storesight.analytics;

/**
 * A customer as the read model knows them: pseudonymous id, latest tier/demographics and counters (all time, or over
 * a leaderboard's time window, where lastVisitMs is null if the customer only ordered in the window).
 */
public record CustomerRow(
        String customerId,
        String tier,
        boolean vip,
        String label,
        String ageBand,
        String gender,
        long firstSeenMs,
        Long lastVisitMs,
        long visits,
        long orders,
        long spendCents) {}
