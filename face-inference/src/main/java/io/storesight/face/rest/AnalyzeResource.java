package io.storesight.face.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Role;
import io.storesight.face.service.AnalysisService;
import io.storesight.face.service.AnalysisView;
import io.storesight.face.service.ImageUpload;

/**
 * Faces in one uploaded image. Raw JPEG/PNG bodies and multipart field {@code file} are both accepted. A photo of a
 * face is biometric data: only the admin and the integrator account may send one.
 */
@Path("/api/v1/analyze")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.INTEGRATOR_NAME})
public class AnalyzeResource {
    static final String DESCRIPTOR = "descriptor";

    private final AnalysisService service;
    private final SecurityIdentity identity;

    public AnalyzeResource(AnalysisService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes({"image/jpeg", "image/png"})
    @Operation(summary = "Detect and describe the faces in a JPEG or PNG body; ?include=descriptor needs admin")
    public AnalysisView raw(
            byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("include") List<String> include) {
        boolean descriptors = wantsDescriptors(include);
        return service.analyze(new ImageUpload("body", contentType, body), descriptors);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Detect and describe the faces in multipart field 'file'; ?include=descriptor needs admin")
    public AnalysisView multipart(@RestForm("file") FileUpload file, @QueryParam("include") List<String> include) {
        boolean descriptors = wantsDescriptors(include);
        return service.analyze(Uploads.read("file", file), descriptors);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public AnalysisView unsupported(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        throw AnalysisService.unsupportedMediaType("body", contentType);
    }

    /** Descriptors leave only through identity-service, which asks with the admin login. */
    private boolean wantsDescriptors(List<String> include) {
        boolean wanted = false;
        for (String option : include) {
            for (String part : option.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                if (!DESCRIPTOR.equals(part.trim())) {
                    throw ApiException.badRequest(
                            "unknown include option '" + part.trim() + "'; supported: " + DESCRIPTOR);
                }
                wanted = true;
            }
        }
        if (wanted && !identity.hasRole(Role.ADMIN_NAME)) {
            throw new ForbiddenException();
        }
        return wanted;
    }
}
