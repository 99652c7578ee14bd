package io.storesight.face.engine;

/**
 * The number type each of the landmark, descriptor and age/gender networks computes its convolutions in (detection
 * is not affected). Int8 convolutions quantise their filters per output channel and their input per tensor, with a
 * range measured on the sample photos at load ({@code models/samples}). Bf16 networks keep their dense heads in fp32
 * (coordinates and ages need its resolution) and need a CPU with native bf16 (AVX-512 BF16 or AMX).
 */
public enum Precision {
    /** 32-bit floats everywhere: the reference, within 1e-6 of face-api. */
    FP32(Type.FP32, Type.FP32, Type.FP32),
    /**
     * The descriptor network in int8, landmarks and age/gender in fp32: on the calibration set the same matches at
     * every measured false-match rate, ages and genders unchanged (face-engine README: the faces per core).
     */
    INT8(Type.FP32, Type.INT8, Type.FP32),
    /**
     * All three networks in int8: the landmarks move and with them every crop, age estimates move by up to ~5
     * years and some faces change age band.
     */
    INT8_ALL(Type.INT8, Type.INT8, Type.INT8),
    /**
     * The descriptor and age/gender networks in bf16, landmarks in fp32, so crops are the fp32 ones: on the
     * calibration set the same matches, ages within ~0.2 years of fp32.
     */
    BF16(Type.FP32, Type.BF16, Type.BF16),
    /** All three networks in bf16: the most faces per core; the landmarks move, and ages by up to ~2.5 years. */
    BF16_ALL(Type.BF16, Type.BF16, Type.BF16);

    /** The number type one network computes in. */
    public enum Type {
        FP32,
        INT8,
        BF16
    }

    private final Type landmarks;
    private final Type descriptor;
    private final Type ageGender;

    Precision(Type landmarks, Type descriptor, Type ageGender) {
        this.landmarks = landmarks;
        this.descriptor = descriptor;
        this.ageGender = ageGender;
    }

    public Type landmarks() {
        return landmarks;
    }

    public Type descriptor() {
        return descriptor;
    }

    public Type ageGender() {
        return ageGender;
    }

    /** Whether any network runs in {@code type}. */
    public boolean uses(Type type) {
        return landmarks == type || descriptor == type || ageGender == type;
    }
}
