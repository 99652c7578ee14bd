package io.storesight.common.security;

import java.util.Locale;

/**
 * The roles of a store server. Each has one account, from the environment: {@code STORESIGHT_<ROLE>_USER} (default:
 * the role's name) and {@code STORESIGHT_<ROLE>_PASSWORD}. A role without a password has no account; only the
 * admin's is required. A new role is one more constant here, with its name for {@code @RolesAllowed} below.
 */
public enum Role {
    /** The owner: every API and page. */
    ADMIN,
    /** Staff at the till: the order page, reading the menu and placing orders. */
    STAFF,
    /** Programs of an integration: face-inference's analyze and verify. */
    INTEGRATOR,
    /** External dashboards (Grafana, a spreadsheet): analytics-api's reports and the dashboard, read-only. */
    VIEWER;

    // @RolesAllowed takes constants; RoleTest checks that each equals its role's id().
    public static final String ADMIN_NAME = "admin";
    public static final String STAFF_NAME = "staff";
    public static final String INTEGRATOR_NAME = "integrator";
    public static final String VIEWER_NAME = "viewer";

    /** The role's name in identities, config keys and environment variables' prefixes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The account's config key prefix, e.g. {@code storesight.staff} ({@code .user}, {@code .password}). */
    public String configPrefix() {
        return "storesight." + id();
    }

    /** How the owner sets the password: {@code STORESIGHT_STAFF_PASSWORD}. */
    public String passwordVariable() {
        return "STORESIGHT_" + name() + "_PASSWORD";
    }

    public String userVariable() {
        return "STORESIGHT_" + name() + "_USER";
    }

    public boolean required() {
        return this == ADMIN;
    }
}
