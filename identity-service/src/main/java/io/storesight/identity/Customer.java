package io.storesight.identity;

/**
 * A pseudonymous customer: counts, demographic evidence and loyalty. Demographics are the sums of every face
 * attributed to the customer (see {@link Demographics}), so merging and splitting customers keeps them exact. A
 * customer marked {@code staff} is one of the store's own people: still recognised and counted here, but left out of
 * every report downstream.
 */
public record Customer(
        String id,
        int visitCount,
        long firstSeen,
        long lastSeen,
        String lastLocation,
        Demographics demographics,
        Tier tier,
        String label,
        boolean vip,
        boolean staff,
        int version,
        long createdAt) {

    /** A customer seen for the first time at {@code time}, before any face or visit is attributed. */
    public static Customer created(String id, long time, String location, long createdAt) {
        return new Customer(id, 0, time, time, location, Demographics.NONE, Tier.NEW, null, false, false, 0, createdAt);
    }

    public Double age() {
        return demographics.age();
    }

    public String ageBand() {
        return demographics.ageBand();
    }

    public String gender() {
        return demographics.gender();
    }

    public Double genderConfidence() {
        return demographics.genderConfidence();
    }

    /** This customer with more faces' evidence. */
    public Customer plus(Demographics evidence) {
        return withDemographics(demographics.plus(evidence));
    }

    public Customer withDemographics(Demographics value) {
        return new Customer(
                id, visitCount, firstSeen, lastSeen, lastLocation, value, tier, label, vip, staff, version, createdAt);
    }

    public Customer seen(long time, String location) {
        return new Customer(
                id,
                visitCount,
                Math.min(firstSeen, time),
                Math.max(lastSeen, time),
                time >= lastSeen ? location : lastLocation,
                demographics,
                tier,
                label,
                vip,
                staff,
                version,
                createdAt);
    }

    /** First and last seen set outright (after a split or merge moved visits away or in). */
    public Customer withSeen(long first, long last, String location) {
        return new Customer(
                id, visitCount, first, last, location, demographics, tier, label, vip, staff, version, createdAt);
    }

    public Customer withVisits(int newVisitCount, Tier newTier) {
        return new Customer(
                id,
                newVisitCount,
                firstSeen,
                lastSeen,
                lastLocation,
                demographics,
                newTier,
                label,
                vip,
                staff,
                version,
                createdAt);
    }

    public Customer withProfile(String newLabel, boolean newVip, boolean newStaff, Tier newTier) {
        return new Customer(
                id,
                visitCount,
                firstSeen,
                lastSeen,
                lastLocation,
                demographics,
                newTier,
                newLabel,
                newVip,
                newStaff,
                version,
                createdAt);
    }

    /** Each published CUSTOMER_UPDATED carries a new version, so its event id is stable yet unique. */
    public Customer nextVersion() {
        return new Customer(
                id,
                visitCount,
                firstSeen,
                lastSeen,
                lastLocation,
                demographics,
                tier,
                label,
                vip,
                staff,
                version + 1,
                createdAt);
    }
}
