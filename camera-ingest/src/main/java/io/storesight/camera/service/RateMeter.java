package io.storesight.camera.service;

/** Events per second over the last few whole seconds: what "fps in/out" shows without unbounded history. */
public final class RateMeter {
    private static final int WINDOW_SECONDS = 5;

    private final long[] seconds = new long[WINDOW_SECONDS + 1];
    private final long[] counts = new long[WINDOW_SECONDS + 1];

    public synchronized void mark() {
        long now = System.nanoTime() / 1_000_000_000L;
        int slot = (int) (now % seconds.length);
        if (seconds[slot] != now) {
            seconds[slot] = now;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Average over the last complete seconds (the current, partial second is left out). */
    public synchronized double perSecond() {
        long now = System.nanoTime() / 1_000_000_000L;
        long total = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] < now && seconds[i] >= now - WINDOW_SECONDS) {
                total += counts[i];
            }
        }
        return Math.round(total * 100.0 / WINDOW_SECONDS) / 100.0;
    }
}
