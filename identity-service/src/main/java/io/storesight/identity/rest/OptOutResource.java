package io.storesight.identity.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.common.annotation.Blocking;
import io.storesight.common.rest.IdParams;
import io.storesight.common.security.Role;
import io.storesight.identity.service.OptOutService;
import io.storesight.identity.service.Views.OptOutView;

/** Do-not-track list. POST takes the photo itself as the body (image/jpeg or image/png). */
@Path("/api/v1/opt-outs")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class OptOutResource {
    private final OptOutService optOuts;

    public OptOutResource(OptOutService optOuts) {
        this.optOuts = optOuts;
    }

    @POST
    @Consumes("*/*")
    public RestResponse<OptOutView> enrol(
            byte[] photo, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("note") String note) {
        return RestResponse.status(RestResponse.Status.CREATED, optOuts.enrol(photo, contentType, note));
    }

    @GET
    public List<OptOutView> list() {
        return optOuts.list();
    }

    @DELETE
    @Path("{id}")
    public RestResponse<Void> delete(@PathParam("id") String id) {
        optOuts.delete(IdParams.required("id", id));
        return RestResponse.noContent();
    }
}
