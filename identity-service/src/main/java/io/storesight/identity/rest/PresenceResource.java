package io.storesight.identity.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.smallrye.common.annotation.Blocking;
import io.storesight.common.rest.IdParams;
import io.storesight.common.security.Role;
import io.storesight.identity.service.PresenceQueryService;
import io.storesight.identity.service.Views.CameraPresence;
import io.storesight.identity.service.Views.Page;
import io.storesight.identity.service.Views.VisitView;

@Path("/api/v1")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class PresenceResource {
    private final PresenceQueryService presence;

    public PresenceResource(PresenceQueryService presence) {
        this.presence = presence;
    }

    /** Who is in view now, per camera, with the box of their latest frame (for a live view). */
    @GET
    @Path("presence")
    public List<CameraPresence> present(
            @QueryParam("cameraId") String cameraId, @QueryParam("storeId") String storeId) {
        return presence.present(IdParams.optional("cameraId", cameraId), IdParams.optional("storeId", storeId));
    }

    @GET
    @Path("visits")
    public Page<VisitView> visits(
            @QueryParam("customerId") String customerId,
            @QueryParam("storeId") String storeId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("open") Boolean open,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return presence.visits(
                IdParams.optional("customerId", customerId),
                IdParams.optional("storeId", storeId),
                from,
                to,
                open,
                page,
                size);
    }
}
