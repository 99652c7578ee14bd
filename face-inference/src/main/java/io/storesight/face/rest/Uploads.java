package io.storesight.face.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.storesight.common.rest.ApiException;
import io.storesight.face.service.ImageUpload;

/** Multipart parts as {@link ImageUpload}s; the temporary file Quarkus wrote is deleted at the end of the request. */
final class Uploads {

    static ImageUpload read(String field, FileUpload upload) {
        if (upload == null) {
            throw ApiException.badRequest("multipart field '" + field + "' is missing");
        }
        try {
            return new ImageUpload(field, upload.contentType(), Files.readAllBytes(upload.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part '" + field + "'", e);
        }
    }

    private Uploads() {}
}
