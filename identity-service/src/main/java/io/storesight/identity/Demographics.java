package io.storesight.identity;

import io.storesight.contracts.AgeBands;
import io.storesight.contracts.FaceObservationEvent.Gender;

/**
 * Age and gender evidence as sums, so that the evidence of a face, a track, a sighting or a whole customer adds up
 * (and, when a customer is split, subtracts) exactly. Each face weighs its quality (at least 0.05): age is the
 * weighted mean, gender the side with more quality × confidence votes.
 */
public record Demographics(double ageSum, double ageWeight, double maleWeight, double femaleWeight) {
    public static final Demographics NONE = new Demographics(0, 0, 0, 0);

    public static Demographics of(Observation face) {
        double weight = Math.max(0.05, face.quality());
        double vote = weight * face.genderConfidence();
        return new Demographics(
                face.age() * weight,
                weight,
                face.gender() == Gender.MALE ? vote : 0,
                face.gender() == Gender.FEMALE ? vote : 0);
    }

    public Demographics plus(Demographics other) {
        return new Demographics(
                ageSum + other.ageSum,
                ageWeight + other.ageWeight,
                maleWeight + other.maleWeight,
                femaleWeight + other.femaleWeight);
    }

    /** What is left after taking {@code other} away (never below zero: sums are rounded floating point). */
    public Demographics minus(Demographics other) {
        return new Demographics(
                Math.max(0, ageSum - other.ageSum),
                Math.max(0, ageWeight - other.ageWeight),
                Math.max(0, maleWeight - other.maleWeight),
                Math.max(0, femaleWeight - other.femaleWeight));
    }

    /** Weighted mean age; null without evidence. */
    public Double age() {
        return ageWeight <= 1e-9 ? null : ageSum / ageWeight;
    }

    public String ageBand() {
        Double age = age();
        return age == null ? null : AgeBands.of(age);
    }

    /** MALE or FEMALE; null without votes. */
    public String gender() {
        return maleWeight + femaleWeight <= 1e-9 ? null : maleWeight >= femaleWeight ? "MALE" : "FEMALE";
    }

    /** The winning side's share of the votes; null without votes. */
    public Double genderConfidence() {
        double total = maleWeight + femaleWeight;
        return total <= 1e-9 ? null : Math.max(maleWeight, femaleWeight) / total;
    }
}
