package io.storesight.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.common.rest.Pages;
import io.storesight.common.security.Role;

/**
 * The admin's customers page at {@code /customers} (form login, see application.properties); its script and style
 * are static ({@code /customers.js}, {@code /customers.css}) and read everything through the customer API. A page,
 * not API: left out of the OpenAPI document.
 */
@Path("/customers")
@RolesAllowed(Role.ADMIN_NAME)
public class PageResource {
    private static final String PAGE = Pages.load("/pages/customers.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String page() {
        return PAGE;
    }
}
