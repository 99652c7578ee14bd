package io.storesight.identity;

/**
 * Whether identity-service is working through queued observations rather than keeping up with live ones. Only
 * while it keeps up does a camera that delivers nothing count as silent: during a backlog (after an outage, a
 * restart, a slow spell) a quiet camera's frames are most likely still queued, and running its clock on with the wall
 * clock would end visits those frames still hold, so each of them would start a new visit.
 *
 * <p>The measure is how long each observation waited between face-inference publishing it (the record timestamp)
 * and its processing here. Behind = the latest one waited longer than the allowance, and observations are still
 * arriving. Before the first observation after a start, the consumer may not even have its partitions yet (after a
 * crash the group waits out the dead member's session), so it counts as behind for a start-up grace period.
 */
public final class ObservationBacklog {
    private final long startedAt;
    private volatile long lastProcessedAt = -1;
    private volatile long lastWaitedMillis;

    public ObservationBacklog(long startedAt) {
        this.startedAt = startedAt;
    }

    /** One observation processed at {@code now}, published at {@code publishedAt}. */
    public void processed(long publishedAt, long now) {
        lastWaitedMillis = Math.max(0, now - publishedAt);
        lastProcessedAt = now;
    }

    /**
     * True while observations are (or may be) queued: none processed yet within {@code startupGraceMillis} of the
     * start, or the latest waited longer than {@code allowanceMillis} and came less than that long ago (a backlog
     * that ended with silence does not keep clocks stopped).
     */
    public boolean behind(long now, long allowanceMillis, long startupGraceMillis) {
        long last = lastProcessedAt;
        if (last < 0) {
            return now - startedAt < startupGraceMillis;
        }
        return lastWaitedMillis > allowanceMillis && now - last < allowanceMillis;
    }
}
