package io.storesight.identity;

import io.storesight.contracts.FaceObservationEvent.Gender;

/**
 * A pseudonymous customer: counts, running demographics and loyalty. Ages are running means weighted by face quality;
 * gender is the side with more accumulated confidence-weighted votes.
 */
public record Customer(String id, int visitCount, long firstSeen, long lastSeen, String lastLocation, Double age,
        String ageBand, double ageWeight, String gender, Double genderConfidence, double maleWeight,
        double femaleWeight, Tier tier, String label, boolean vip, int version, long createdAt) {

    /** This customer's demographics after one more face. */
    public Customer withFace(Observation face) {
        double weight = Math.max(0.05, face.quality());
        double newAgeWeight = ageWeight + weight;
        double newAge = ((age == null ? 0 : age * ageWeight) + face.age() * weight) / newAgeWeight;
        double vote = weight * face.genderConfidence();
        double male = maleWeight + (face.gender() == Gender.MALE ? vote : 0);
        double female = femaleWeight
                + (face.gender() == Gender.FEMALE ? vote : 0);
        return withDemographics(newAge, newAgeWeight, male, female);
    }

    public Customer withDemographics(double newAge, double newAgeWeight, double male, double female) {
        String newGender = male + female == 0 ? null : male >= female ? "MALE" : "FEMALE";
        Double confidence = male + female == 0 ? null : Math.max(male, female) / (male + female);
        return new Customer(id, visitCount, firstSeen, lastSeen, lastLocation, newAge, AgeBands.of(newAge),
                newAgeWeight, newGender, confidence, male, female, tier, label, vip, version, createdAt);
    }

    public Customer seen(long time, String location) {
        return new Customer(id, visitCount, Math.min(firstSeen, time), Math.max(lastSeen, time),
                time >= lastSeen ? location : lastLocation, age, ageBand, ageWeight, gender, genderConfidence,
                maleWeight, femaleWeight, tier, label, vip, version, createdAt);
    }

    public Customer withVisits(int newVisitCount, Tier newTier) {
        return new Customer(id, newVisitCount, firstSeen, lastSeen, lastLocation, age, ageBand, ageWeight, gender,
                genderConfidence, maleWeight, femaleWeight, newTier, label, vip, version, createdAt);
    }

    public Customer withProfile(String newLabel, boolean newVip, Tier newTier) {
        return new Customer(id, visitCount, firstSeen, lastSeen, lastLocation, age, ageBand, ageWeight, gender,
                genderConfidence, maleWeight, femaleWeight, newTier, newLabel, newVip, version, createdAt);
    }

    /** Each published CUSTOMER_UPDATED carries a new version, so its event id is stable yet unique. */
    public Customer nextVersion() {
        return new Customer(id, visitCount, firstSeen, lastSeen, lastLocation, age, ageBand, ageWeight, gender,
                genderConfidence, maleWeight, femaleWeight, tier, label, vip, version + 1, createdAt);
    }
}
