package io.storesight.identity.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.common.security.Role;

/**
 * The admin's customers page at {@code /customers} (form login, see application.properties); its script and style
 * are static ({@code /customers.js}, {@code /customers.css}) and read everything through the customer API. A page,
 * not API: left out of the OpenAPI document.
 */
@Path("/customers")
public class PageResource {
    private final String customers = read("pages/customers.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    @RolesAllowed(Role.ADMIN_NAME)
    public String customersPage() {
        return customers;
    }

    private static String read(String resource) {
        try (InputStream in = PageResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
