package io.storesight.face.engine;

/** Wall-clock milliseconds spent per stage; for a batch call, each image gets its share of the batched stages. */
public record StageTimings(
        double decodeMs, double detectMs, double landmarksMs, double descriptorMs, double ageGenderMs) {

    public double totalMs() {
        return decodeMs + detectMs + landmarksMs + descriptorMs + ageGenderMs;
    }
}
