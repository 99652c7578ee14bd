package io.storesight.identity.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import com.sun.management.OperatingSystemMXBean;

import io.storesight.identity.CalibrationFaces;
import io.storesight.identity.Candidate;
import io.storesight.identity.Descriptors;
import io.storesight.identity.FaceLikeDescriptors;
import io.storesight.identity.Gallery;

/**
 * 1:N match latency, recall@1 against brute force, build time and memory of the gallery at several sizes. Not a
 * test: it prints figures, one line per size in the form the README quotes, then what the recall is made of.
 * <p>
 * The gallery holds the calibration set's people (every other photo of each) among made-up people with real-like
 * descriptors ({@link FaceLikeDescriptors}), 5 templates each. Queries, in equal turns: another photo of a made-up
 * customer, a calibration photo not in the gallery or a small crop of one (different photos of enrolled people), and
 * a photo of someone not in the gallery at all (a first visit, whose nearest customer is a stranger). Recall@1 is the
 * share of queries whose nearest customer is brute force's; the distances returned are exact by construction.
 *
 * <pre>
 * ./mvnw -B -pl identity-service -am test -DskipTests -Dbench=identity-service [-Dbench.sizes=10000,100000,1000000]
 *     [-Dbench.threads=2] [-Dbench.queries=1000]
 * </pre>
 */
public final class GalleryBenchmark {
    private static final int TEMPLATES_PER_CUSTOMER = 5;
    private static final int K = 5;

    public static void main(String[] args) {
        int[] sizes = BenchMachine.sizes(args, "10000,100000,1000000");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        System.out.printf(
                "gallery benchmark: %d threads, %d queries per size, %d cores visible, Java %s, " + "load average %s%n",
                threads,
                queries,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"),
                BenchMachine.loadAverage());
        FaceLikeDescriptors faces = FaceLikeDescriptors.fitted();
        for (int size : sizes) {
            run(faces, size, threads, queries);
        }
    }

    private static void run(FaceLikeDescriptors faces, int size, int threads, int queries) {
        Random random = new Random(42);
        float[][] templates = new float[size][];
        String[] owners = new String[size];
        List<float[]> calibrationQueries = new ArrayList<>();
        int filled = enrolCalibrationPeople(templates, owners, calibrationQueries);
        int firstMadeUp = filled;
        List<float[]> people = new ArrayList<>();
        while (filled < size) {
            float[] person = faces.person(random);
            String owner = "c" + people.size();
            people.add(person);
            for (int t = 0; t < TEMPLATES_PER_CUSTOMER && filled < size; t++, filled++) {
                templates[filled] = faces.photo(person, random);
                owners[filled] = owner;
            }
        }

        float[][] probes = new float[queries][];
        for (int q = 0; q < queries; q++) {
            probes[q] = switch (q % 3) {
                case 0 -> faces.photo(people.get(random.nextInt(people.size())), random);
                case 1 -> calibrationQueries.get((q / 3) % calibrationQueries.size());
                default -> faces.photo(faces.person(random), random);
            };
        }

        long before = BenchMachine.usedHeapAfterGc();
        long buildStart = System.nanoTime();
        Gallery gallery = new Gallery(threads);
        for (int i = 0; i < size; i++) {
            gallery.add(owners[i], i, templates[i]);
        }
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        long memory = BenchMachine.usedHeapAfterGc() - before;

        for (float[] probe : probes) {
            gallery.nearest(probe, K);
        }
        long[] nanos = new long[queries];
        String[] found = new String[queries];
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        for (int q = 0; q < queries; q++) {
            long t0 = System.nanoTime();
            List<Candidate> nearest = gallery.nearest(probes[q], K);
            nanos[q] = System.nanoTime() - t0;
            found[q] = nearest.isEmpty() ? null : nearest.get(0).customerId();
        }
        double cpuPerQuery = (os.getProcessCpuTime() - cpuStart) / 1e6 / queries;
        String[] truth = IntStream.range(0, queries)
                .parallel()
                .mapToObj(q -> bruteForceNearest(templates, owners, probes[q]))
                .toArray(String[]::new);

        int[] hits = new int[3];
        int[] asked = new int[3];
        for (int q = 0; q < queries; q++) {
            asked[q % 3]++;
            if (truth[q].equals(found[q])) {
                hits[q % 3]++;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "gallery %d templates: p50 %.2f ms, p99 %.2f ms, recall@1 %.3f, build %.1f s, memory %d MB%n",
                size,
                nanos[queries / 2] / 1e6,
                nanos[percentile99(queries)] / 1e6,
                (hits[0] + hits[1] + hits[2]) / (double) queries,
                buildSeconds,
                memory / 1_000_000);
        // The CPU time a query costs, all threads together (the process's, over all timed queries): unlike the wall
        // time it does not grow while other processes keep the cores busy, so it is the figure to compare on a
        // shared machine.
        String cpuFigures = String.format("; cpu %.2f ms per query", cpuPerQuery);
        System.out.printf(
                "  %s; recall@1 of returning made-up customers %.3f (%d), calibration photos and crops "
                        + "of enrolled people %.3f (%d), people not enrolled %.3f (%d); %d calibration templates; "
                        + "load average %s%s%n",
                gallery.indexed() ? "sketch + exact re-ranking" : "exact scan",
                hits[0] / (double) asked[0],
                asked[0],
                hits[1] / (double) asked[1],
                asked[1],
                hits[2] / (double) asked[2],
                asked[2],
                firstMadeUp,
                BenchMachine.loadAverage(),
                cpuFigures);
    }

    /** Every other photo of each calibration person enrolled; the rest, and every small crop, become queries. */
    private static int enrolCalibrationPeople(float[][] templates, String[] owners, List<float[]> queries) {
        int filled = 0;
        for (CalibrationFaces.Condition condition : CalibrationFaces.Condition.values()) {
            for (var person : CalibrationFaces.byIdentity(condition).entrySet()) {
                List<CalibrationFaces.Face> photos = person.getValue();
                for (int i = 0; i < photos.size(); i++) {
                    boolean enrol = condition == CalibrationFaces.Condition.PHOTO && i % 2 == 0;
                    if (enrol && filled < templates.length) {
                        templates[filled] = photos.get(i).descriptor();
                        owners[filled++] = "cal-" + person.getKey();
                    } else {
                        queries.add(photos.get(i).descriptor());
                    }
                }
            }
        }
        return filled;
    }

    private static String bruteForceNearest(float[][] templates, String[] owners, float[] query) {
        float best = Float.POSITIVE_INFINITY;
        String owner = null;
        for (int i = 0; i < templates.length; i++) {
            float d = Descriptors.distance(templates[i], query);
            if (d < best) {
                best = d;
                owner = owners[i];
            }
        }
        return owner;
    }

    private static int percentile99(int n) {
        return Math.max(0, (int) Math.ceil(n * 0.99) - 1);
    }

    private GalleryBenchmark() {}
}
