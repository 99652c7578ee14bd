package io.storesight.identity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.storesight.identity.Descriptors;
import io.storesight.identity.Gallery;
import io.storesight.identity.Candidate;

/**
 * Match latency of the in-memory gallery at several sizes, on synthetic descriptors (5 templates per customer,
 * queries are perturbed copies of stored templates, like a returning face). Not a test: it prints figures.
 *
 * <pre>./mvnw -pl identity-service -Pbench test-compile exec:exec [-Dbench.sizes=1000,100000,1000000]
 * [-Dbench.threads=2] [-Dbench.queries=500]</pre>
 */
public final class GalleryBenchmark {
    public static void main(String[] args) {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000,100000,1000000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        System.out.printf("gallery match latency: %d threads, %d queries per size, %d cores visible, %s%n", threads,
                queries, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        for (int size : sizes) {
            run(size, threads, queries);
        }
    }

    private static void run(int size, int threads, int queries) {
        Random random = new Random(42);
        Gallery gallery = new Gallery(threads);
        float[][] sample = new float[256][];
        long loadStart = System.nanoTime();
        for (int i = 0; i < size; i++) {
            float[] d = randomDescriptor(random);
            gallery.add("c" + (i / 5), i, d);
            if (i % Math.max(1, size / sample.length) == 0) {
                sample[(i / Math.max(1, size / sample.length)) % sample.length] = d;
            }
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        float[][] probes = new float[queries][];
        for (int q = 0; q < queries; q++) {
            float[] base = sample[random.nextInt(sample.length)];
            if (base == null) {
                base = randomDescriptor(random);
            }
            probes[q] = perturb(base, random);
        }
        int warmup = Math.min(queries, size >= 1_000_000 ? 100 : 500);
        int hits = 0;
        for (int q = 0; q < warmup; q++) {
            gallery.nearest(probes[q], 5);
        }
        long[] nanos = new long[queries];
        long[] cpu = new long[queries];
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        for (int q = 0; q < queries; q++) {
            long c0 = threadBean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Candidate> m = gallery.nearest(probes[q], 5);
            nanos[q] = System.nanoTime() - t0;
            cpu[q] = threadBean.getCurrentThreadCpuTime() - c0;
            if (!m.isEmpty() && m.get(0).distance() < 0.45) {
                hits++;
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        // With one thread the caller does all the work, so its CPU time is the latency without waiting for a core:
        // the figure to compare when other processes share the machine.
        String cpuFigures = threads == 1 || size < 32_768
                ? String.format("  cpu p50=%.3f ms p99=%.3f ms", cpu[queries / 2] / 1e6,
                        cpu[(int) Math.floor(queries * 0.99) - 1] / 1e6)
                : "";
        System.out.printf("templates=%,d  p50=%.3f ms  p99=%.3f ms  max=%.3f ms  mean=%.3f ms  "
                + "(%d/%d probes found their template; load %.1f s)%s%n", size, nanos[queries / 2] / 1e6,
                nanos[(int) Math.floor(queries * 0.99) - 1] / 1e6, nanos[queries - 1] / 1e6, mean, hits, queries,
                loadSeconds, cpuFigures);
    }

    /** Roughly the scale of real descriptors (norm ≈ 1.4, elements ≈ ±0.12). */
    private static float[] randomDescriptor(Random random) {
        float[] d = new float[Descriptors.DIM];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian() * 0.12f;
        }
        return d;
    }

    private static float[] perturb(float[] base, Random random) {
        float[] d = base.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += (float) random.nextGaussian() * 0.015f;
        }
        return d;
    }

    private GalleryBenchmark() {
    }
}
