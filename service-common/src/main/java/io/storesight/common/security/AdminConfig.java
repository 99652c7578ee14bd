package io.storesight.common.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The one admin account of a store server. Set through the environment ({@code STORESIGHT_ADMIN_USER},
 * {@code STORESIGHT_ADMIN_PASSWORD}, e.g. from docker compose's {@code .env}); there is deliberately no default.
 */
@ConfigMapping(prefix = "storesight.admin")
public interface AdminConfig {
    String ROLE = "admin";

    Optional<String> user();

    Optional<String> password();

    default boolean configured() {
        return user().filter(u -> !u.isBlank()).isPresent() && password().filter(p -> !p.isBlank()).isPresent();
    }
}
