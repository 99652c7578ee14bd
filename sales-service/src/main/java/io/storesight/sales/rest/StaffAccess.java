package io.storesight.sales.rest;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.storesight.common.security.AdminConfig;
import io.storesight.sales.config.SalesConfig;

/**
 * Staff endpoints (order page, placing orders, reading the menu) are open on a trusted store network
 * ({@code storesight.sales.open-ordering=true}) and need the admin login otherwise. A config switch cannot be an
 * annotation, so the resources ask here.
 */
@RequestScoped
public class StaffAccess {
    private final SalesConfig config;
    private final SecurityIdentity identity;

    public StaffAccess(SalesConfig config, SecurityIdentity identity) {
        this.config = config;
        this.identity = identity;
    }

    public boolean allowed() {
        return config.openOrdering() || identity.hasRole(AdminConfig.ROLE);
    }

    public void check() {
        if (allowed()) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        throw new ForbiddenException();
    }
}
