package io.storesight.sales;

import java.time.Instant;

/** Filters of the order list; null means "any". {@code from} is inclusive, {@code to} exclusive. */
public record OrderQuery(Instant from, Instant to, String storeId, OrderStatus status, int limit, int offset) {}
