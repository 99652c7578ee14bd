package io.storesight.face.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.storesight.common.security.Role;
import io.storesight.face.service.AnalysisService;
import io.storesight.face.service.VerificationView;

/** Whether the largest face of {@code source} and of {@code target} belong to the same person. */
@Path("/api/v1/verify")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.INTEGRATOR_NAME})
public class VerifyResource {
    private final AnalysisService service;

    public VerifyResource(AnalysisService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Compare the largest face of multipart images 'source' and 'target'")
    public VerificationView verify(@RestForm("source") FileUpload source, @RestForm("target") FileUpload target) {
        return service.verify(Uploads.read("source", source), Uploads.read("target", target));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public VerificationView unsupported(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        throw AnalysisService.unsupportedMediaType("body", contentType);
    }
}
