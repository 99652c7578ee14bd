package io.storesight.face.engine;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps freed tensor memory inside the process. glibc hands large freed blocks back to the kernel (trimming the
 * heap top, unmapping blocks over the mmap threshold), so the next activation tensor of the same size page-faults
 * on every 4 KiB page it writes (reproduced in C with glibc 2.36: two 3.2 MB blocks allocated, written and freed
 * in a loop cost 785 page faults and 1.6 ms per round instead of 0 and 0.03 ms). Across the three networks at batch
 * 8 this cut the process's page faults from ~640k to ~280k and ~1.5 ms of one core per face. The networks allocate the same few sizes on every call, so keeping up to {@link #TRIM_THRESHOLD} of free
 * heap per arena removes the faults. Process-wide, set once; a no-op where the C library has no {@code mallopt}
 * (e.g. musl), or if the thresholds were already set through {@code GLIBC_TUNABLES}.
 */
final class NativeHeap {

    private static final Logger LOG = Logger.getLogger(NativeHeap.class.getName());
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc caps the mmap threshold at 32 MiB on 64-bit; the largest activation batch is ~21 MB. */
    static final int MMAP_THRESHOLD = 32 << 20;

    static final int TRIM_THRESHOLD = 128 << 20;

    private static volatile boolean done;

    private NativeHeap() {}

    private interface LibC extends Library {
        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    static synchronized void keepFreedMemory() {
        if (done) {
            return;
        }
        done = true;
        String tunables = System.getenv("GLIBC_TUNABLES");
        if (tunables != null && tunables.contains("malloc")) {
            return;
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            if (libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1
                    || libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) != 1) {
                LOG.warning("mallopt refused the heap thresholds; tensor allocations will page-fault (slower)");
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.INFO, "no glibc mallopt here; tensor allocations may page-fault (slower): {0}", e.toString());
        }
    }

    /**
     * Gives the kernel back what loading freed (loading the weights, and for int8 a whole fp32 pipeline and the
     * instrumented graphs of the calibration): the trim threshold above would otherwise keep up to 128 MiB of it
     * resident per arena for the life of the process. What the networks allocate per call comes back on the first
     * calls and is then kept.
     */
    static void releaseFreedMemory() {
        try {
            Native.load("c", LibC.class).malloc_trim(0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "no glibc malloc_trim here: {0}", e.toString());
        }
    }
}
