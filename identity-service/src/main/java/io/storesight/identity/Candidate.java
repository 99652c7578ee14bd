package io.storesight.identity;

/** A customer and a face's distance to that customer's nearest template (Euclidean). */
public record Candidate(String customerId, double distance) {}
