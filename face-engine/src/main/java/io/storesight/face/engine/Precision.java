package io.storesight.face.engine;

/**
 * The arithmetic of the landmark, descriptor and age/gender networks' convolutions (detection is not affected).
 * Int8 convolutions quantise their filters per output channel and their input per tensor, with a range measured
 * on the sample photos at load ({@code models/samples}); everything between convolutions stays fp32.
 */
public enum Precision {
    /** 32-bit floats everywhere: the reference, within 1e-6 of face-api. */
    FP32,
    /**
     * The descriptor network's convolutions in int8, landmarks and age/gender in fp32: on the calibration set the
     * same matches at every measured false-match rate, ages and genders unchanged; the descriptor network does
     * ~1.7× the faces per core on AVX2 (face-engine README).
     */
    INT8,
    /**
     * All three networks' convolutions in int8: the landmarks move and with them every crop, age estimates move by
     * up to ~5 years and some faces change age band. On AVX2 no faster than {@link #INT8}; offered for CPUs whose
     * int8 kernels are faster (VNNI, AMX), for a user who accepts that.
     */
    INT8_ALL;

    /** Whether the descriptor network's convolutions run in int8. */
    public boolean int8Descriptor() {
        return this != FP32;
    }

    /** Whether the landmark and age/gender networks' convolutions run in int8. */
    public boolean int8LandmarksAndAgeGender() {
        return this == INT8_ALL;
    }
}
