package io.storesight.identity.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.storesight.identity.ObservationBacklog;

/** Domain objects that live as long as the application, created here so that the domain stays free of CDI. */
@ApplicationScoped
public class DomainBeans {

    @Produces
    @Singleton
    ObservationBacklog observationBacklog() {
        return new ObservationBacklog(System.currentTimeMillis());
    }
}
