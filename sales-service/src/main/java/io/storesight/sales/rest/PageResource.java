package io.storesight.sales.rest;

import java.net.URI;
import java.util.Currency;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Template;
import io.storesight.common.security.Role;
import io.storesight.sales.config.SalesConfig;
import io.storesight.sales.service.MenuPlacement;
import io.storesight.sales.service.MenuService;

/**
 * The staff order page at {@code /} and the admin's menu page at {@code /admin} (form login, see config). Pages,
 * not API: left out of the OpenAPI document.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PageResource {
    private static final String FORM_COOKIE = "quarkus-credential";

    private final Template order;
    private final Template admin;
    private final MenuService menu;
    private final SalesConfig config;
    private final StaffAccess staff;
    private final MenuPlacement placement;

    public PageResource(Template order, Template admin, MenuService menu, SalesConfig config, StaffAccess staff,
            MenuPlacement placement) {
        this.order = order;
        this.admin = admin;
        this.menu = menu;
        this.config = config;
        this.staff = staff;
        this.placement = placement;
    }

    @GET
    @Operation(hidden = true)
    public Response orderPage() {
        if (!staff.allowed()) {
            return Response.seeOther(URI.create("/login.html")).build();
        }
        MenuPlacement.Arranged arranged = placement.arrange(menu.activeByCategory());
        return Response.ok(order
                .data("categories", arranged.categories())
                .data("placement", arranged.dayPart().orElse(""))
                .data("storeId", config.storeId())
                .data("counters", List.copyOf(config.counters().keySet()))
                .data("defaultCounter", config.defaultCounter())
                .data("currency", config.currency())
                .data("loggedIn", staff.loggedIn())
                .data("fractionDigits", Currency.getInstance(config.currency()).getDefaultFractionDigits())
                .render()).build();
    }

    @GET
    @Path("admin")
    @Operation(hidden = true)
    @RolesAllowed(Role.ADMIN_NAME)
    public String adminPage() {
        return admin
                .data("items", menu.list(false))
                .data("currency", config.currency())
                .render();
    }

    /** Form login keeps the session in an encrypted cookie; logging out (staff or admin) is forgetting it. */
    @POST
    @Path("logout")
    @Operation(hidden = true)
    public Response logout() {
        return Response.seeOther(URI.create("/login.html"))
                .cookie(new NewCookie.Builder(FORM_COOKIE).path("/").maxAge(0).value("").build())
                .build();
    }
}
