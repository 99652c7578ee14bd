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
 * The admin live view page (form login; a browser without a session is sent to /login.html). The page is kept off
 * the public static resources; it polls each camera's {@code live.jpg}.
 */
@Path("/live")
@RolesAllowed(Role.ADMIN_NAME)
public class LivePageResource {
    private static final String PAGE = load();

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return PAGE;
    }

    private static String load() {
        try (InputStream in = LivePageResource.class.getResourceAsStream("/pages/live.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
