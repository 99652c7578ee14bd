package io.storesight.face.engine;

/** Decade bands, because the age net's error (MAE ~4.5 years) makes exact ages misleading. */
public final class AgeBands {

    private AgeBands() {
    }

    public static String of(float age) {
        if (Float.isNaN(age) || age < 10f) {
            return "0-9";
        }
        if (age >= 60f) {
            return "60+";
        }
        int decade = (int) (age / 10f) * 10;
        return decade + "-" + (decade + 9);
    }
}
