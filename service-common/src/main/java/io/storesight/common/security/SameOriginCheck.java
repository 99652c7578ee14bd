package io.storesight.common.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Forged requests: a page of another site must not make a logged-in browser change anything here. A
 * state-changing request (POST, PUT, PATCH, DELETE) is refused with 403 when the browser says it comes from another
 * origin: {@code Sec-Fetch-Site} other than {@code same-origin} (or {@code none}, typed by the user), or, from a
 * browser too old for that header, an {@code Origin} that is not this server's. Requests without either header
 * come from programs, not pages, and carry their own credentials; they pass. Origins listed in
 * {@link SecurityConfig#trustedOrigins()} pass too.
 */
@ApplicationScoped
public class SameOriginCheck {
    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private final List<String> trusted;

    public SameOriginCheck(SecurityConfig config) {
        this.trusted = config.trustedOrigins().orElse(List.of()).stream()
                .map(SameOriginCheck::normalised)
                .toList();
    }

    void install(@Observes Router router) {
        // Right after the body-size check, before authentication: a forged request never reaches a login.
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String refusal = refusal(context.request());
            if (refusal != null) {
                context.response()
                        .setStatusCode(403)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("error", refusal).encode());
                return;
            }
            context.next();
        });
    }

    /** Why the request is refused, or null when it may go on. */
    String refusal(HttpServerRequest request) {
        if (SAFE.contains(request.method())) {
            return null;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && trusted.contains(normalised(origin))) {
            return null;
        }
        String site = request.getHeader(SEC_FETCH_SITE);
        if (site != null) {
            return site.equals("same-origin") || site.equals("none")
                    ? null
                    : "cross-origin request refused: a " + request.method() + " from another site's page ("
                            + SEC_FETCH_SITE + ": " + site + ")";
        }
        if (origin != null
                && !sameAuthority(
                        origin,
                        request.authority() == null ? null : request.authority().toString())) {
            return "cross-origin request refused: a " + request.method() + " from a page of " + origin;
        }
        return null;
    }

    /** Whether {@code origin} (scheme://host[:port]) names the host and port the request was sent to. */
    static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            return authority(uri.getHost(), port).equals(hostWithPort(host, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hostWithPort(String host, String scheme) {
        String value = host.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        boolean hasPort = colon > value.lastIndexOf(']');
        return hasPort ? value : value + ":" + defaultPort(scheme);
    }

    private static String authority(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static String normalised(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
