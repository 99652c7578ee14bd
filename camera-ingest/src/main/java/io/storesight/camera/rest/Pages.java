package io.storesight.camera.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.storesight.common.security.Role;

/**
 * The admin console pages of camera-ingest (form login; a browser without a session is sent to /login.html), kept
 * off the public static resources: the live view ({@code /live}, each camera's frame with every face labelled) and
 * the cameras page ({@code /cameras}: list, add, edit, pause, resume, remove). Both use the console shell.
 */
final class Pages {
    private Pages() {
    }

    static String load(String page) {
        try (InputStream in = Pages.class.getResourceAsStream("/pages/" + page)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Path("/live")
    @RolesAllowed(Role.ADMIN_NAME)
    public static class Live {
        private static final String PAGE = load("live.html");

        @GET
        @Produces(MediaType.TEXT_HTML)
        public String page() {
            return PAGE;
        }
    }

    @Path("/cameras")
    @RolesAllowed(Role.ADMIN_NAME)
    public static class Cameras {
        private static final String PAGE = load("cameras.html");

        @GET
        @Produces(MediaType.TEXT_HTML)
        public String page() {
            return PAGE;
        }
    }
}
