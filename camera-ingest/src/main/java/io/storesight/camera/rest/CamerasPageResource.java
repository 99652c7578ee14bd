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
 * The admin cameras page (form login): list with thumbnail, status, fps and last error; add, edit, pause, resume,
 * remove; a link to the live view. Everything it does goes through {@code /api/v1/cameras}.
 */
@Path("/cameras")
@RolesAllowed(Role.ADMIN_NAME)
public class CamerasPageResource {
    private static final String PAGE = Pages.load("/pages/cameras.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return PAGE;
    }
}
