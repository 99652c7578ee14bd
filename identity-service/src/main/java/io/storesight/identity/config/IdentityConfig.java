package io.storesight.identity.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every tunable of identity-service ({@code storesight.identity.*}); defaults are explained in the README. */
@ConfigMapping(prefix = "storesight.identity")
public interface IdentityConfig {

    /** Faces whose overall quality score (0..1) is below this are ignored before matching. */
    @WithDefault("0.15")
    double qualityThreshold();

    Matching matching();

    Track track();

    Templates templates();

    Presence presence();

    Tiers tiers();

    /** Customers not seen for this long are erased by the retention job. */
    @WithDefault("P180D")
    Duration retention();

    /** How often the retention job looks for customers to erase. */
    @WithDefault("1h")
    Duration retentionCheck();

    /** Faces within this distance of an opt-out enrolment are dropped before anything is stored. */
    @WithDefault("0.5")
    double optOutThreshold();

    /** Base URL of face-inference, whose analyze API turns an opt-out photo into a descriptor. */
    @WithDefault("http://localhost:8082")
    String faceInferenceUrl();

    /** Most outbox rows the relay sends per round. */
    @WithDefault("500")
    int outboxBatchSize();

    interface Matching {
        /** Largest Euclidean distance at which a face is the nearest template's customer. */
        @WithDefault("0.45")
        double threshold();

        /** The best other customer must be at least this much farther away, else the face is ambiguous. */
        @WithDefault("0.08")
        double margin();

        /** Threads for scanning large galleries; empty = available processors. */
        Optional<Integer> threads();
    }

    interface Track {
        /** Unknown faces on one camera within this distance of a track's recent faces extend that track. */
        @WithDefault("0.45")
        double threshold();

        @WithDefault("3")
        int minObservations();

        @WithDefault("5s")
        Duration window();
    }

    interface Templates {
        @WithDefault("5")
        int maxPerCustomer();

        /** A new template must be at least this far from the customer's others (diversity). */
        @WithDefault("0.1")
        double minDiversity();

        /** Only faces of at least this quality become templates. */
        @WithDefault("0.3")
        double minQuality();
    }

    interface Presence {
        /** Without a sighting for this long, a sighting (per camera) or visit (per store) ends. */
        @WithDefault("10s")
        Duration absenceThreshold();

        /**
         * The sweeper lets a silent camera's clock run on with wall-clock time, minus this allowance for pipeline
         * delay, so sightings and visits end even when no more frames arrive.
         */
        @WithDefault("5s")
        Duration sweepLag();

        /**
         * After a start, how long silent cameras' clocks stay stopped if no observation arrives at all: after a
         * crash the consumer group gives the partitions back only when the dead member's session expires (45 s).
         */
        @WithDefault("60s")
        Duration startupGrace();
    }

    interface Tiers {
        @WithDefault("2")
        int regularVisits();

        @WithDefault("5")
        int loyalVisits();

        @WithDefault("20")
        int vipVisits();
    }
}
