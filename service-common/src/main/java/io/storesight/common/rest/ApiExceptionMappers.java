package io.storesight.common.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.storesight.common.security.LoginFailures;
import io.vertx.core.http.HttpServerRequest;

/**
 * Renders every failure as {@link ApiError} JSON with the right status and never a stack trace.
 * {@code quarkus.http.auth.proactive=false} (service-common's defaults) routes authentication failures here too.
 */
public class ApiExceptionMappers {
    private static final String FORM_LOGIN_PATH = "/j_security_check";
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(e.getMessage(), e.details()));
        e.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            details.put(field(violation.getPropertyPath().toString()), violation.getMessage());
        }
        return json(400, new ApiError("invalid request", details));
    }

    /** Quarkus has a built-in mapper for this subtype (400, empty body); naming it here makes ours win. */
    @ServerExceptionMapper
    public Response wrongJsonType(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String message;
        if (e instanceof InvalidFormatException format) {
            String path = path(format);
            // Jackson loses the path inside record creators; the target type still tells the caller what was wrong.
            message = path.isEmpty()
                    ? "invalid value '" + format.getValue() + "': expected "
                            + format.getTargetType().getSimpleName()
                    : "invalid value '" + format.getValue() + "' for field '" + path + "'";
        } else if (e instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            message = "invalid field '" + path(mismatch) + "': " + firstLine(e.getOriginalMessage());
        } else {
            message = "malformed JSON: " + firstLine(e.getOriginalMessage());
        }
        return json(400, ApiError.of(message));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        OptionalLong wait = LoginFailures.retryAfter(e);
        if (request.path().endsWith(FORM_LOGIN_PATH)) {
            // A failed form login sends the browser back to the login page, like Quarkus's own form mechanism.
            return Response.status(302)
                    .location(URI.create(loginPage() + (wait.isPresent() ? "?error=wait" : "?error=1")))
                    .build();
        }
        if (wait.isPresent()) {
            // An address that failed too often waits before its logins are checked again.
            return Response.status(429)
                    .header(HttpHeaders.RETRY_AFTER, wait.getAsLong())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(e.getMessage()))
                    .build();
        }
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    private Response unauthorized(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (formLoginEnabled() && accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return Response.status(302).location(URI.create(loginPage())).build();
        }
        Response.ResponseBuilder response =
                Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of("login required"));
        // Only a client that tried Basic is challenged: a browser that gets the challenge shows its own login
        // dialog and then caches and resends those credentials, which no logout can clear.
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"StoreSight\"");
        }
        return response.build();
    }

    private static boolean formLoginEnabled() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.auth.form.enabled", Boolean.class)
                .orElse(false);
    }

    private static String loginPage() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.auth.form.login-page", String.class)
                .orElse("/login.html");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, ApiError.of("this login's role may not do this"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // Quarkus wraps JSON syntax errors (e.g. a truncated body) in a bare 400.
            return malformedJson(json);
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return json(status, ApiError.of("internal error"));
        }
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? Response.Status.fromStatusCode(status) == null
                        ? "request refused"
                        : Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        return json(status, ApiError.of(message));
    }

    /**
     * No resource throws a checked IOException (services wrap their own I/O failures in unchecked ones), so one
     * that arrives here came from reading the request: a multipart body cut short or without its boundary, say.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        return json(400, ApiError.of("the request body could not be read: " + firstLine(e.getMessage())));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error while handling a request", e);
        return json(500, ApiError.of("internal error"));
    }

    static Response json(int status, ApiError error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error)
                .build();
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    /** "create.arg0.items[0].quantity" → "items[0].quantity": callers know their fields, not our method names. */
    private static String field(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : propertyPath;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
