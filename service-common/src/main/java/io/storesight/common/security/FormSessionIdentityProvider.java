package io.storesight.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * After a form login, every request carries the encrypted session cookie, which Quarkus turns into a
 * {@link TrustedAuthenticationRequest} naming the user. AdminIdentityProvider only checks passwords, so this one
 * restores the admin identity, and only while that user is still the configured admin.
 */
@ApplicationScoped
public class FormSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final AdminConfig config;

    public FormSessionIdentityProvider(AdminConfig config) {
        this.config = config;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!config.configured() || !config.user().orElseThrow().equals(request.getPrincipal())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("admin session no longer valid"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getPrincipal()))
                .addRole(AdminConfig.ROLE)
                .build());
    }
}
