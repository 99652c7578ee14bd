package io.storesight.sales.rest;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.storesight.common.security.Role;
import io.storesight.sales.config.SalesConfig;

/**
 * Staff endpoints (order page, placing orders, reading the menu) need the staff or the admin login, unless the owner
 * opened ordering to the whole network ({@code storesight.sales.open-ordering=true}). A config switch cannot be an
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
        return config.openOrdering() || identity.hasRole(Role.STAFF_NAME) || identity.hasRole(Role.ADMIN_NAME);
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
