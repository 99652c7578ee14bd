package io.storesight.face.service;

/** An image as the caller sent it: the form field (or "body"), its declared media type, and its bytes. */
public record ImageUpload(String field, String contentType, byte[] bytes) {}
