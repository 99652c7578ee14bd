package io.storesight.common.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the browser finds each service's console pages ({@code STORESIGHT_CONSOLE_*_URL}): the base URLs as the
 * browser sees them (scheme, host and port, no path), the same in every service, so the navigation bar of any page
 * links to all of them. Compose sets the host-published ports; the local run uses the defaults.
 */
@ConfigMapping(prefix = "storesight.console")
public interface ConsoleConfig {

    /** camera-ingest: the live view ({@code /live}) and the cameras page ({@code /cameras}). */
    @WithDefault("http://localhost:8081")
    String cameraUrl();

    /**
     * face-inference, when browsers can reach it (the local run; compose publishes no port for it, so that it
     * scales): no pages, the settings page links to its health.
     */
    Optional<String> inferenceUrl();

    /** identity-service: the customers page ({@code /customers}) and the alert stream. */
    @WithDefault("http://localhost:8083")
    String identityUrl();

    /** sales-service: the menu admin ({@code /admin}) and the order page ({@code /order}). */
    @WithDefault("http://localhost:8084")
    String salesUrl();

    /** analytics-api: the dashboard ({@code /dashboard/}) and the settings page ({@code /settings}). */
    @WithDefault("http://localhost:8085")
    String analyticsUrl();
}
