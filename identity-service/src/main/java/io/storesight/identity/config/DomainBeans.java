package io.storesight.identity.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.storesight.identity.ObservationBacklog;
import io.storesight.identity.TemplatePolicy;
import io.storesight.identity.TrackDecider;
import io.storesight.identity.Tracker;

/** Domain objects that live as long as the application, created here so that the domain stays free of CDI. */
@ApplicationScoped
public class DomainBeans {

    @Produces
    @Singleton
    ObservationBacklog observationBacklog() {
        return new ObservationBacklog(System.currentTimeMillis());
    }

    @Produces
    @Singleton
    Tracker tracker(IdentityConfig config) {
        IdentityConfig.Track t = config.track();
        return new Tracker(new Tracker.Settings(
                t.maxGap().toMillis(), t.samePersonDistance(), t.reacquireDistance(), t.maxShift()));
    }

    @Produces
    @Singleton
    TrackDecider trackDecider(IdentityConfig config) {
        IdentityConfig.Matching m = config.matching();
        return new TrackDecider(new TrackDecider.Settings(
                m.acceptDistance(),
                m.margin(),
                m.strongDistance(),
                m.newPersonDistance(),
                config.track().minAcceptFaces(),
                config.track().minNewFaces()));
    }

    @Produces
    @Singleton
    TemplatePolicy templatePolicy(IdentityConfig config) {
        IdentityConfig.Templates t = config.templates();
        return new TemplatePolicy(new TemplatePolicy.Settings(t.maxPerCustomer(), t.minDiversity(), t.minQuality()));
    }
}
