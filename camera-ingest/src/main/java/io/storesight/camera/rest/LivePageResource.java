package io.storesight.camera.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.common.rest.Pages;
import io.storesight.common.security.Role;

/**
 * The admin live view page (form login; a browser without a session is sent to /login.html): each camera's frame,
 * every face labelled with its own customer. It polls each camera's {@code live.jpg} and {@code faces}.
 */
@Path("/live")
@RolesAllowed(Role.ADMIN_NAME)
public class LivePageResource {
    private static final String PAGE = Pages.load("/pages/live.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return PAGE;
    }
}
