package io.storesight.sales.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Role;
import io.storesight.sales.MenuItem;
import io.storesight.sales.service.MenuService;

@Path("/api/v1/menu")
@Produces(MediaType.APPLICATION_JSON)
public class MenuResource {
    private final MenuService menu;
    private final StaffAccess staff;

    public MenuResource(MenuService menu, StaffAccess staff) {
        this.menu = menu;
        this.staff = staff;
    }

    /** The whole menu, inactive items included, unless {@code active=true}. */
    @GET
    public List<MenuItem> list(@QueryParam("active") String active) {
        staff.check();
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw ApiException.badRequest("'active' must be true or false");
        }
        return menu.list("true".equals(active));
    }

    @GET
    @Path("/{id}")
    public MenuItem get(@PathParam("id") String id) {
        staff.check();
        return menu.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(MenuItemRequest request) {
        MenuItem created = menu.create(body(request).toDraft());
        return Response.created(URI.create("/api/v1/menu/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public MenuItem update(@PathParam("id") String id, MenuItemRequest request) {
        return menu.update(id, body(request).toDraft());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response delete(@PathParam("id") String id) {
        menu.delete(id);
        return Response.noContent().build();
    }

    static <T> T body(T request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return request;
    }
}
