package io.storesight.identity;

/** One stored face of a customer, used for matching. */
public record Template(long id, String customerId, float[] descriptor, float quality) {
}
