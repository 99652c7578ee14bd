package io.storesight.common.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Console pages kept off the public static resources: a resource class serves the page's HTML behind its role
 * ({@code @RolesAllowed}: a browser without a session is sent to the login), read once from the classpath.
 */
public final class Pages {

    /** The text of classpath resource {@code path} (e.g. {@code /pages/settings.html}); a missing page fails the start. */
    public static String load(String path) {
        try (InputStream in = Pages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("page " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Pages() {}
}
