package io.storesight.identity;

/**
 * One stored face of a customer, used for matching.
 *
 * @param sightingId the sighting whose face it is (null for templates older than that record), so that splitting
 *                   off a customer's sightings takes their templates with them
 */
public record Template(long id, String customerId, float[] descriptor, float quality, String sightingId) {}
