package io.storesight.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks HTTP Basic and form logins against the {@link Accounts} and grants the matching account's role. Failures
 * go to {@link LoginFailures}, which also decides when an address must wait before it may try again.
 */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    static final String FORM_LOGIN_PATH = "/j_security_check";

    private final Accounts accounts;
    private final LoginFailures failures;

    public AccountIdentityProvider(Accounts accounts, LoginFailures failures) {
        this.accounts = accounts;
        this.failures = failures;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = address(http);
        long now = System.currentTimeMillis();
        long wait = failures.secondsToWait(address, now);
        if (wait > 0) {
            return Uni.createFrom().failure(failures.refused(wait));
        }
        var account = accounts.check(
                request.getUsername(), new String(request.getPassword().getPassword()));
        if (account.isEmpty()) {
            failures.failed(address, request.getUsername(), mechanism(http), now);
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid user name or password"));
        }
        return Uni.createFrom().item(identity(account.get()));
    }

    static SecurityIdentity identity(Accounts.Account account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.user()))
                .addRole(account.role().id())
                .build();
    }

    private static String address(RoutingContext http) {
        return http == null || http.request().remoteAddress() == null
                ? "unknown"
                : http.request().remoteAddress().hostAddress();
    }

    private static String mechanism(RoutingContext http) {
        return http != null && http.request().path().endsWith(FORM_LOGIN_PATH) ? "form" : "basic";
    }
}
