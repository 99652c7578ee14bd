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

    Alerts alerts();

    /**
     * How long identity keeps what it learns about a person ({@code STORESIGHT_IDENTITY_RETENTION}, an ISO-8601
     * duration such as {@code P90D}): customers not seen for this long are erased, and the logs and ended visits of
     * customers still coming go once they are this old.
     */
    @WithDefault("P180D")
    Duration retention();

    /**
     * Ids of processed observations are kept this long to skip redeliveries: longer than face-observations can hold
     * a record (contracts' Topics; the service refuses to start otherwise), so nothing the broker can redeliver is
     * forgotten.
     */
    @WithDefault("PT6H")
    Duration processedEventsRetention();

    /** How often the retention job looks for what to erase. */
    @WithDefault("1h")
    Duration retentionCheck();

    /** Faces within this distance of an opt-out enrolment are dropped before anything is stored. */
    @WithDefault("0.5")
    double optOutThreshold();

    /** Base URL of face-inference, whose analyze API turns an opt-out photo into a descriptor. */
    @WithDefault("http://localhost:8082")
    String faceInferenceUrl();

    /**
     * How faces are judged against customers. The defaults come from {@code RecognitionStudy}: every genuine and
     * impostor pair of the calibration set (different photos of the same people), see docs/recognition.md.
     */
    interface Matching {
        /**
         * A track is a customer when the median distance of its faces to that customer's nearest template is within
         * this: the smallest distance at which 97% of genuine pairs match (2 impostor pairs in 10,000 do).
         */
        @WithDefault("0.54")
        double acceptDistance();

        /** The runner-up customer's median must be at least this much farther, else the track stays undecided. */
        @WithDefault("0.05")
        double margin();

        /**
         * A match within this is beyond doubt (0.05 below the closest impostor pair): it decides on one face and may
         * add the face to the customer's templates.
         */
        @WithDefault("0.475")
        double strongDistance();

        /**
         * Only faces farther than this from every customer can found a new customer: the verify threshold, beyond
         * which no genuine pair of the calibration set lies. Faces between the accept and this distance wait.
         */
        @WithDefault("0.575")
        double newPersonDistance();

        /** How many nearest customers of each face are weighed. */
        @WithDefault("5")
        int candidates();

        /** Threads for scanning large galleries; empty = available processors. */
        Optional<Integer> threads();
    }

    /** How faces of consecutive frames of one camera become tracks, one per person passing. */
    interface Track {
        /** A track not seen for this long (capture time) has ended: a little more than motion gating's heartbeat. */
        @WithDefault("3s")
        Duration maxGap();

        /** A face near a track's last box continues it if its descriptor is within this of the track's last one. */
        @WithDefault("0.575")
        double samePersonDistance();

        /** A face anywhere in the frame continues a track if its descriptor is within this of the track's last one. */
        @WithDefault("0.45")
        double reacquireDistance();

        /** How far (in face sizes) a face's centre may be from the track's last box to be "near" it. */
        @WithDefault("1.5")
        double maxShift();

        /** Good faces a track needs before a match that is not beyond doubt is accepted. */
        @WithDefault("2")
        int minAcceptFaces();

        /** Good faces a track needs, every one far from every customer, to register a new customer. */
        @WithDefault("3")
        int minNewFaces();

        /** Most recent good faces an undecided track keeps as evidence. */
        @WithDefault("12")
        int maxEvidence();

        /** Frames an unidentified track needs to count as an anonymous visitor (one stray detection does not). */
        @WithDefault("2")
        int minVisitorFrames();
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

        /**
         * A store's head count (OCCUPANCY on {@code visits}) is published within a second of a change, and repeated
         * this often while unchanged, so that a day's curve has no gaps.
         */
        @WithDefault("60s")
        Duration occupancyHeartbeat();
    }

    interface Tiers {
        @WithDefault("2")
        int regularVisits();

        @WithDefault("5")
        int loyalVisits();

        @WithDefault("20")
        int vipVisits();
    }

    /** Arrival alerts of VIP and watched customers: the console's stream and an optional webhook. */
    interface Alerts {
        /**
         * Where each alert is POSTed as JSON ({@code STORESIGHT_IDENTITY_ALERTS_WEBHOOK_URL}); none by default, and
         * then alerts reach open console pages only.
         */
        Optional<java.net.URI> webhookUrl();

        /**
         * The shared secret of the webhook's {@code X-StoreSight-Signature} (HMAC-SHA256 of the body); required, and
         * at least 16 characters, when a URL is set: the service refuses to start otherwise.
         */
        Optional<String> webhookSecret();

        /** How long one webhook POST may take before it counts as failed. */
        @WithDefault("10s")
        Duration webhookTimeout();

        /** The wait after a failed POST, doubled after each further failure ... */
        @WithDefault("1s")
        Duration retryInitial();

        /** ... up to this; delivery is retried until the receiver answers 2xx. */
        @WithDefault("5m")
        Duration retryMax();

        /** Delivered alerts (they name a customer and a time) are kept this long, then purged. */
        @WithDefault("P1D")
        Duration keepDelivered();
    }
}
