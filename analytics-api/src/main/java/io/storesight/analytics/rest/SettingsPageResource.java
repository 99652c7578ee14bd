package io.storesight.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.common.rest.Pages;
import io.storesight.common.security.Role;

/**
 * The console's settings page (admin): the server's store settings, page links and accounts as the services read
 * them from the environment (read-only), and this browser's own choices (language, alert sound).
 */
@Path("/settings")
@RolesAllowed(Role.ADMIN_NAME)
public class SettingsPageResource {
    private static final String PAGE = Pages.load("/pages/settings.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return PAGE;
    }
}
