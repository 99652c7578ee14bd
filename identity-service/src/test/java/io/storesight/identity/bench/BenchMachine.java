package io.storesight.identity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the gallery benchmarks share: their size argument, the heap in use, and how busy the machine is. */
final class BenchMachine {
    /** Sizes from a comma-separated argument ({@code bench.sizes}). */
    static int[] sizes(String[] args, String fallback) {
        return Arrays.stream((args.length > 0 ? args[0] : fallback).split(","))
                .mapToInt(s -> Integer.parseInt(s.strip()))
                .toArray();
    }

    /** Heap in use after full collections: what live objects hold. */
    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The 1, 5 and 15 minute load averages: timings taken while other work runs are slower. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private BenchMachine() {}
}
