package io.storesight.contracts;

/**
 * Decade bands ({@code 0-9}, {@code 10-19}, … {@code 60+}): every service reports and filters age this way, because
 * the age network's error (about 4.5 years) makes exact ages misleading.
 */
public final class AgeBands {

    public static String of(double age) {
        if (Double.isNaN(age) || age < 10) {
            return "0-9";
        }
        if (age >= 60) {
            return "60+";
        }
        int decade = (int) (age / 10) * 10;
        return decade + "-" + (decade + 9);
    }

    private AgeBands() {}
}
