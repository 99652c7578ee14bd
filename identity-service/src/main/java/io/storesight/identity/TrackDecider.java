package io.storesight.identity;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who an undecided track is, judged on all of its good faces at once rather than frame by frame. A customer's score
 * is the median, over the track's faces, of the distance to that customer's nearest template: one odd frame (a
 * turned head, motion blur) neither makes nor breaks a match.
 * <ul>
 * <li><b>Accept</b> the best customer when their median is within the accept distance and the runner-up's median is
 * at least the margin farther; with fewer faces than {@code minAcceptFaces}, only within the strong distance.</li>
 * <li><b>New customer</b> only when at least {@code minNewFaces} good faces are every one farther than the (stricter)
 * new-person distance from every customer, and no face of the track ever came that close to anyone.</li>
 * <li>Otherwise <b>undecided</b>: the track waits for more faces.</li>
 * </ul>
 * Customers that another track of the same camera already holds are not candidates: one person per customer.
 */
public final class TrackDecider {

    /**
     * @param acceptDistance    a customer whose median distance is within this is the track's person…
     * @param margin            …if the runner-up's median is at least this much farther
     * @param strongDistance    an accepted median within this is beyond doubt: decides at once and may teach
     *                          templates
     * @param newPersonDistance a face farther than this from every customer is nobody known
     * @param minAcceptFaces    good faces needed to accept a match that is not strong
     * @param minNewFaces       good faces needed to register a new customer
     */
    public record Settings(
            double acceptDistance,
            double margin,
            double strongDistance,
            double newPersonDistance,
            int minAcceptFaces,
            int minNewFaces) {}

    public enum Outcome {
        ACCEPT,
        NEW_CUSTOMER,
        UNDECIDED
    }

    /**
     * @param customerId the accepted customer (ACCEPT only)
     * @param strong     accepted beyond doubt (ACCEPT), or a new customer
     * @param best       the customer with the smallest median distance, whatever the outcome (null without one)
     * @param distance   the best customer's median distance (+∞ without candidates)
     * @param runnerUp   the second-best customer's median distance (+∞ without one)
     * @param nearKnown  some face of the track came within the new-person distance of a customer
     */
    public record Decision(
            Outcome outcome,
            String customerId,
            boolean strong,
            String best,
            double distance,
            double runnerUp,
            int faces,
            boolean nearKnown) {}

    private final Settings settings;

    public TrackDecider(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * @param faces       per good face of the track, the distance to each candidate customer's nearest template (a
     *                    customer missing from a face's map counts as infinitely far for that face)
     * @param taken       customers held by other open tracks of the camera
     * @param nearKnownBefore whether an earlier face of the track (perhaps no longer among {@code faces}) came close
     *                    to a customer
     */
    public Decision decide(List<Map<String, Double>> faces, Set<String> taken, boolean nearKnownBefore) {
        boolean nearKnown = nearKnownBefore;
        for (Map<String, Double> face : faces) {
            double nearest = face.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElse(Double.POSITIVE_INFINITY);
            nearKnown |= nearest <= settings.newPersonDistance();
        }
        if (faces.isEmpty()) {
            return undecided(null, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, nearKnown);
        }
        Set<String> candidates = new HashSet<>();
        faces.forEach(face -> candidates.addAll(face.keySet()));
        candidates.removeAll(taken);
        String best = null;
        double bestMedian = Double.POSITIVE_INFINITY;
        double runnerUp = Double.POSITIVE_INFINITY;
        for (String candidate : candidates.stream().sorted().toList()) {
            double median = median(faces, candidate);
            if (median < bestMedian) {
                runnerUp = bestMedian;
                bestMedian = median;
                best = candidate;
            } else if (median < runnerUp) {
                runnerUp = median;
            }
        }
        int n = faces.size();
        boolean clear = runnerUp - bestMedian >= settings.margin();
        boolean strong = bestMedian <= settings.strongDistance();
        if (best != null
                && clear
                && bestMedian <= settings.acceptDistance()
                && (strong || n >= settings.minAcceptFaces())) {
            return new Decision(Outcome.ACCEPT, best, strong, best, bestMedian, runnerUp, n, nearKnown);
        }
        if (!nearKnown && n >= settings.minNewFaces()) {
            return new Decision(Outcome.NEW_CUSTOMER, null, true, best, bestMedian, runnerUp, n, false);
        }
        return undecided(best, bestMedian, runnerUp, n, nearKnown);
    }

    private static Decision undecided(String best, double distance, double runnerUp, int faces, boolean nearKnown) {
        return new Decision(Outcome.UNDECIDED, null, false, best, distance, runnerUp, faces, nearKnown);
    }

    static double median(List<Map<String, Double>> faces, String candidate) {
        double[] values = new double[faces.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = faces.get(i).getOrDefault(candidate, Double.POSITIVE_INFINITY);
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
