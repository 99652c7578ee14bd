package io.storesight.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/v1/reports/ping")
public class PingResource {
    @GET
    @RolesAllowed("admin")
    public String ping() {
        return "pong";
    }
}
