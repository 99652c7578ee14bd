package io.storesight.common.rest;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.storesight.common.config.ConsoleConfig;
import io.storesight.common.config.StoreConfig;
import io.storesight.common.security.Accounts;
import io.storesight.common.security.Role;

/**
 * What the console shell ({@code /console/console.js}, served from this jar) needs on every page: where each page
 * lives, how to format money and times, who is logged in; and the logout that ends the one session of all services.
 */
@Path("/console")
public class ConsoleResource {
    /** The pages' fixed paths under each service's base URL. */
    static final String DASHBOARD = "/dashboard/";

    static final String LIVE = "/live";
    static final String CUSTOMERS = "/customers";
    static final String CAMERAS = "/cameras";
    static final String MENU = "/admin";
    static final String ORDER = "/order";
    static final String SETTINGS = "/settings";
    static final String ALERTS = "/api/v1/alerts/stream";
    static final String LOGIN = "/login.html";

    private final SecurityIdentity identity;
    private final Accounts accounts;
    private final ConsoleConfig console;
    private final StoreConfig store;
    private final String service;
    private final String cookie;

    public ConsoleResource(
            SecurityIdentity identity,
            Accounts accounts,
            ConsoleConfig console,
            StoreConfig store,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookie) {
        this.identity = identity;
        this.accounts = accounts;
        this.console = console;
        this.store = store;
        this.service = service;
        this.cookie = cookie;
    }

    /**
     * The console's view of this server for one user: page links, currency, time zone, roles, and each service's
     * base URL as browsers reach it ({@code services}: the settings page links to their health).
     */
    public record Settings(
            Map<String, String> links,
            String currency,
            int currencyDigits,
            String timeZone,
            String user,
            List<String> roles,
            String service,
            Map<String, String> services) {}

    @GET
    @Path("settings")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The console's settings for the logged-in user: page links, currency and its digits, "
                    + "the store's time zone, the user and their roles")
    public Settings settings(@Context UriInfo uri) {
        return settings(
                identity.getPrincipal().getName(),
                identity.getRoles().stream().sorted().toList(),
                origin(uri.getBaseUri()));
    }

    Settings settings(String user, List<String> roles, String origin) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("dashboard", base(console.analyticsUrl()) + DASHBOARD);
        links.put("live", base(console.cameraUrl()) + LIVE);
        links.put("customers", base(console.identityUrl()) + CUSTOMERS);
        links.put("cameras", base(console.cameraUrl()) + CAMERAS);
        links.put("menu", base(console.salesUrl()) + MENU);
        links.put("order", base(console.salesUrl()) + ORDER);
        links.put("settings", base(console.analyticsUrl()) + SETTINGS);
        // Login and logout are this server's own: one cookie serves every port of the host, so either ends all.
        links.put("login", origin + LOGIN);
        links.put("logout", origin + "/console/logout");
        links.put("alerts", base(console.identityUrl()) + ALERTS);
        Map<String, String> services = new LinkedHashMap<>();
        services.put("camera-ingest", base(console.cameraUrl()));
        console.inferenceUrl()
                .filter(url -> !url.isBlank())
                .ifPresent(url -> services.put("face-inference", base(url)));
        services.put("identity-service", base(console.identityUrl()));
        services.put("sales-service", base(console.salesUrl()));
        services.put("analytics-api", base(console.analyticsUrl()));
        return new Settings(
                Collections.unmodifiableMap(links),
                store.currency(),
                store.currencyDigits(),
                store.timeZone().getId(),
                user,
                roles,
                service,
                Collections.unmodifiableMap(services));
    }

    /** One account of the server: its role and user name (never the password). */
    public record AccountView(String role, String user) {}

    @GET
    @Path("accounts")
    @RolesAllowed(Role.ADMIN_NAME)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The server's accounts: each role that has one, with its user name (never a password)")
    public List<AccountView> accounts() {
        return accounts.all().stream()
                .map(a -> new AccountView(a.role().id(), a.user()))
                .toList();
    }

    /**
     * Forgets the form login's session cookie, which every service shares (same name and path; cookies ignore the
     * port), so one logout ends the session on all of them. POST: a link cannot log anyone out.
     */
    @POST
    @Path("logout")
    @PermitAll
    @Operation(hidden = true)
    public Response logout() {
        return Response.seeOther(URI.create(LOGIN))
                .cookie(new NewCookie.Builder(cookie)
                        .path("/")
                        .maxAge(0)
                        .value("")
                        .httpOnly(true)
                        .build())
                .build();
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String origin(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
