package io.storesight.common.security;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

/** The server's {@link Accounts}, read once at start (a changed password takes a restart). */
public class AccountsProducer {
    @Produces
    @Singleton
    Accounts accounts(Config config) {
        return Accounts.from(config);
    }
}
