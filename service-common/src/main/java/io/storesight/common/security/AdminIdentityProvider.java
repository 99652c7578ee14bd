package io.storesight.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks HTTP Basic and form logins against the admin account from the environment. Without that account every
 * login fails with a message that says how to configure it, so an unconfigured server is closed, not open.
 */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    public static final String NOT_CONFIGURED = "admin login is not configured on this server: "
            + "set STORESIGHT_ADMIN_USER and STORESIGHT_ADMIN_PASSWORD";

    private final AdminConfig config;

    public AdminIdentityProvider(AdminConfig config) {
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!config.configured()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(NOT_CONFIGURED));
        }
        boolean userMatches = constantTimeEquals(request.getUsername(), config.user().orElseThrow());
        boolean passwordMatches = constantTimeEquals(new String(request.getPassword().getPassword()),
                config.password().orElseThrow());
        if (!(userMatches & passwordMatches)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid admin credentials"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRole(AdminConfig.ROLE)
                .build());
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
