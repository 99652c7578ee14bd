package io.storesight.identity;

/** Decade bands as face-inference reports them ({@code 0-9}, {@code 10-19}, … {@code 60+}). */
public final class AgeBands {
    public static String of(double age) {
        int decade = (int) Math.floor(Math.max(0, age) / 10);
        if (decade >= 6) {
            return "60+";
        }
        return decade * 10 + "-" + (decade * 10 + 9);
    }

    private AgeBands() {
    }
}
