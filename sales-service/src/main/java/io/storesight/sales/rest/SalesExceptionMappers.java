package io.storesight.sales.rest;

import java.net.URI;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.storesight.common.rest.ApiError;
import io.storesight.common.security.AdminConfig;
import io.storesight.common.security.AdminIdentityProvider;
import io.vertx.core.http.HttpServerRequest;

/**
 * Two gaps in service-common's mappers that this service's pages and forms hit (requested upstream in
 * team/requests-service-common.md; remove these when service-common covers them):
 * <ul>
 * <li>a failed form login must send the browser back to the login page, not answer JSON 401;</li>
 * <li>Quarkus's built-in mapper for {@link MismatchedInputException} (a wrong JSON type, e.g. a price of "cheap")
 * outranks service-common's {@code JsonProcessingException} mapper and answers 400 with an empty body;</li>
 * <li>Quarkus wraps other JSON syntax errors (e.g. a truncated body) in a bare {@link WebApplicationException}, which
 * service-common renders as "HTTP 400 Bad Request" without saying what is wrong.</li>
 * </ul>
 */
public class SalesExceptionMappers {
    private static final String FORM_LOGIN_PATH = "/j_security_check";

    private final AdminConfig adminConfig;

    public SalesExceptionMappers(AdminConfig adminConfig) {
        this.adminConfig = adminConfig;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        if (FORM_LOGIN_PATH.equals(request.path())) {
            return Response.status(302).location(URI.create("/login.html?error=1")).build();
        }
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"StoreSight\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(adminConfig.configured() ? "admin login required"
                        : AdminIdentityProvider.NOT_CONFIGURED))
                .build();
    }

    /** Returns null (not handled: service-common's mapper answers) unless the cause is a JSON syntax error. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response malformedJson(WebApplicationException e) {
        if (e.getResponse().getStatus() == 400 && e.getCause() instanceof JsonProcessingException json) {
            return badRequest("malformed JSON: " + firstLine(json.getOriginalMessage()));
        }
        return null;
    }

    @ServerExceptionMapper
    public Response wrongJsonType(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        String detail = firstLine(e.getOriginalMessage());
        return badRequest(field.isEmpty() ? "malformed JSON: " + detail : "invalid field '" + field + "': " + detail);
    }

    private static Response badRequest(String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(message)).build();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
