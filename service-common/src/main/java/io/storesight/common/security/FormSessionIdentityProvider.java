package io.storesight.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * After a form login, every request carries the encrypted session cookie, which Quarkus turns into a
 * {@link TrustedAuthenticationRequest} naming the user. The cookie's key depends on every password
 * ({@link SessionKey}), so a cookie that decrypts was issued under the current passwords; this restores the role of
 * the account it names, while that account still exists.
 */
@ApplicationScoped
public class FormSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final Accounts accounts;

    public FormSessionIdentityProvider(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return accounts.byUser(request.getPrincipal())
                .map(account -> Uni.createFrom().item(AccountIdentityProvider.identity(account)))
                .orElseGet(
                        () -> Uni.createFrom().failure(new AuthenticationFailedException("session no longer valid")));
    }
}
