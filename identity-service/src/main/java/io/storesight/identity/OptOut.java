package io.storesight.identity;

/** A do-not-track enrolment; the descriptor never leaves the service. */
public record OptOut(String id, float[] descriptor, String note, long createdAt) {}
