package io.storesight.identity.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.smallrye.common.annotation.Blocking;
import io.storesight.common.security.Role;
import io.storesight.identity.service.SettingsService;

@Path("/api/v1/settings")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class SettingsResource {
    private final SettingsService settings;

    public SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    public Map<String, Object> settings() {
        return settings.settings();
    }
}
