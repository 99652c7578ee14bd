package io.storesight.sales.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Template;
import io.storesight.common.config.StoreConfig;
import io.storesight.common.security.Role;
import io.storesight.sales.config.SalesConfig;
import io.storesight.sales.service.MenuPlacement;
import io.storesight.sales.service.MenuService;

/**
 * The staff order page at {@code /order} (also at {@code /}) and the admin's menu page at {@code /admin} (form
 * login, see config), both console pages (service-common's shell). Pages, not API: left out of the OpenAPI
 * document. Logging out is the shell's {@code /console/logout}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PageResource {
    private final Template order;
    private final Template admin;
    private final MenuService menu;
    private final SalesConfig config;
    private final StoreConfig store;
    private final StaffAccess staff;
    private final MenuPlacement placement;

    public PageResource(
            Template order,
            Template admin,
            MenuService menu,
            SalesConfig config,
            StoreConfig store,
            StaffAccess staff,
            MenuPlacement placement) {
        this.order = order;
        this.admin = admin;
        this.menu = menu;
        this.config = config;
        this.store = store;
        this.staff = staff;
        this.placement = placement;
    }

    @GET
    @Operation(hidden = true)
    public Response home() {
        return orderPage();
    }

    @GET
    @Path("order")
    @Operation(hidden = true)
    public Response orderPage() {
        if (!staff.allowed()) {
            return Response.seeOther(URI.create("/login.html")).build();
        }
        // Currency and zone also ride on the page, for a page open to everyone: without a session the shell has no
        // settings to read.
        MenuPlacement.Arranged arranged = placement.arrange(menu.activeByCategory());
        return Response.ok(order.data("categories", arranged.categories())
                        .data("placement", arranged.dayPart().orElse(""))
                        .data("storeId", config.storeId())
                        .data("counters", List.copyOf(config.counters().keySet()))
                        .data("defaultCounter", config.defaultCounter())
                        .data("currency", store.currency())
                        .data("fractionDigits", store.currencyDigits())
                        .data("timeZone", store.timeZone().getId())
                        .render())
                .build();
    }

    @GET
    @Path("admin")
    @Operation(hidden = true)
    @RolesAllowed(Role.ADMIN_NAME)
    public String adminPage() {
        return admin.data("items", menu.list(false))
                .data("currency", store.currency())
                .render();
    }
}
