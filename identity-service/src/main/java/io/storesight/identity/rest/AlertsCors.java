package io.storesight.identity.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.storesight.common.config.ConsoleConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * CORS for the alert stream only: the console pages of the other services (the origins of the configured console
 * URLs) open it with their session cookie, so the answer names the page's origin and allows credentials. Any other
 * origin, and every other path, gets no CORS header at all: the browser keeps those responses from other sites.
 */
@ApplicationScoped
public class AlertsCors {
    static final String PATH = "/api/v1/alerts/stream";

    private final List<String> origins;

    public AlertsCors(ConsoleConfig console) {
        // face-inference serves no console page.
        this.origins =
                List.of(console.cameraUrl(), console.identityUrl(), console.salesUrl(), console.analyticsUrl()).stream()
                        .map(AlertsCors::origin)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
    }

    void install(@Observes Router router) {
        // Before authentication, so that a 401 (session expired) reaches the page's script too.
        router.route(PATH).order(Integer.MIN_VALUE + 2).handler(context -> {
            String origin = context.request().getHeader(HttpHeaders.ORIGIN);
            if (origin != null && allowed(origin)) {
                context.response()
                        .putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Credentials", "true")
                        .putHeader(HttpHeaders.VARY, "Origin");
                if (context.request().method() == HttpMethod.OPTIONS) {
                    context.response()
                            .putHeader("Access-Control-Allow-Methods", "GET")
                            .putHeader("Access-Control-Allow-Headers", "Accept, Cache-Control, Last-Event-ID")
                            .putHeader("Access-Control-Max-Age", "600")
                            .setStatusCode(204)
                            .end();
                    return;
                }
            }
            context.next();
        });
    }

    boolean allowed(String origin) {
        return origins.contains(origin(origin));
    }

    /** scheme://host:port of a URL, lower case, default port spelled out (null when it is not a URL). */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
