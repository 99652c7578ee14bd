package io.storesight.identity.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.storesight.identity.CalibrationFaces;
import io.storesight.identity.CalibrationFaces.Condition;
import io.storesight.identity.CalibrationFaces.Face;
import io.storesight.identity.Candidate;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Gallery;
import io.storesight.identity.RealFaces;
import io.storesight.identity.TrackDecider;

/**
 * Where the recognition thresholds come from: every genuine and impostor pair of the calibration set (different
 * photos of 13 people, taken on different days) through the real engine, as the photos are and as small 150 px face
 * crops, printed as an ROC; then the thresholds the rules below choose, and what they do to returning customers
 * decided per track. Prints; asserts nothing.
 *
 * <pre>./mvnw -pl identity-service -am test -DskipTests -Dbench=identity-service -Dbench.main=io.storesight.identity.bench.RecognitionStudy</pre>
 */
public final class RecognitionStudy {
    /** The impostor share the accept and verify thresholds may let through. */
    static final double MAX_FMR = 0.001;
    /** The genuine share the accept threshold must let through. */
    static final double MIN_TMR = 0.97;
    /** The genuine share the verify threshold must let through. */
    static final double VERIFY_TMR = 0.95;
    /** How much farther the runner-up must be (not a pair statistic: see the returns' smallest gap below). */
    static final double MARGIN = 0.05;

    record Pairs(String name, List<Double> genuine, List<Double> impostor) {
        double tmr(double t) {
            return genuine.stream().filter(d -> d <= t).count() / (double) genuine.size();
        }

        double fmr(double t) {
            return impostor.stream().filter(d -> d <= t).count() / (double) impostor.size();
        }

        /** The smallest threshold (on a 0.005 grid) whose genuine share is at least {@code tmr}. */
        double thresholdFor(double tmr) {
            for (int i = 40; i <= 160; i++) {
                double t = i * 0.005;
                if (tmr(t) >= tmr) {
                    return t;
                }
            }
            return Double.NaN;
        }

        /** The largest threshold (on a 0.005 grid) whose impostor share is at most {@code fmr}. */
        double thresholdAt(double fmr) {
            double best = 0;
            for (int i = 40; i <= 160; i++) {
                double t = i * 0.005;
                if (fmr(t) <= fmr) {
                    best = t;
                }
            }
            return best;
        }
    }

    public static void main(String[] args) {
        List<Face> photos = CalibrationFaces.of(Condition.PHOTO);
        List<Face> small = CalibrationFaces.of(Condition.SMALL_CROP);
        System.out.printf(
                Locale.ROOT,
                "calibration set: %d photos with a face, %d small crops with a face%n",
                photos.size(),
                small.size());
        Pairs photoPairs = pairs("photo vs photo", photos, photos);
        Pairs smallPairs = pairs("crop vs crop", small, small);
        Pairs mixedPairs = pairs("photo vs crop", photos, small);
        Pairs all = union("all", List.of(photoPairs, smallPairs, mixedPairs));
        List<Pairs> sets = List.of(photoPairs, smallPairs, mixedPairs, all);

        System.out.println();
        for (Pairs p : sets) {
            System.out.printf(
                    Locale.ROOT,
                    "%-15s genuine %4d: median %.3f, p90 %.3f, max %.3f | impostor %5d: "
                            + "closest %.3f %.3f %.3f, p1 %.3f%n",
                    p.name(),
                    p.genuine().size(),
                    quantile(p.genuine(), 0.5),
                    quantile(p.genuine(), 0.9),
                    quantile(p.genuine(), 1),
                    p.impostor().size(),
                    p.impostor().get(0),
                    p.impostor().get(1),
                    p.impostor().get(2),
                    quantile(p.impostor(), 0.01));
        }
        System.out.println();
        System.out.printf("%-9s", "threshold");
        sets.forEach(p -> System.out.printf(Locale.ROOT, " | %-22s", p.name() + " TMR / FMR"));
        System.out.println();
        for (int i = 35; i <= 70; i++) {
            double t = i / 100.0;
            System.out.printf(Locale.ROOT, "%9.2f", t);
            sets.forEach(p -> System.out.printf(Locale.ROOT, " | %7.3f / %-12.4f", p.tmr(t), p.fmr(t)));
            System.out.println();
        }
        System.out.println();
        for (double fmr : new double[] {0.001, 0.005}) {
            for (Pairs p : sets) {
                double t = p.thresholdAt(fmr);
                System.out.printf(
                        Locale.ROOT,
                        "FMR <= %.1f%%  %-15s threshold %.3f: TMR %.3f, FMR %.4f%n",
                        fmr * 100,
                        p.name(),
                        t,
                        p.tmr(t),
                        p.fmr(t));
            }
        }

        // The rules that choose the defaults (IdentityConfig and face-inference's verify threshold quote them).
        double accept = all.thresholdFor(MIN_TMR);
        double newPerson = all.thresholdAt(MAX_FMR);
        double verify = Math.round((all.thresholdFor(VERIFY_TMR) + newPerson) / 2 * 200) / 200.0;
        double strong = Math.floor((all.impostor().get(0) - 0.05) * 200) / 200;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "accept distance     = smallest with TMR >= %.2f on all pairs: %.3f (TMR %.3f, "
                        + "FMR %.4f; photos %.3f, crops %.3f, mixed %.3f)%n",
                MIN_TMR,
                accept,
                all.tmr(accept),
                all.fmr(accept),
                photoPairs.tmr(accept),
                smallPairs.tmr(accept),
                mixedPairs.tmr(accept));
        System.out.printf(
                Locale.ROOT,
                "new-person distance = largest with FMR <= %.1f%% on all pairs: %.3f (TMR %.3f, "
                        + "FMR %.4f; genuine pairs beyond it: %d of %d)%n",
                MAX_FMR * 100,
                newPerson,
                all.tmr(newPerson),
                all.fmr(newPerson),
                all.genuine().stream().filter(d -> d > newPerson).count(),
                all.genuine().size());
        System.out.printf(
                Locale.ROOT,
                "verify threshold    = middle of [TMR >= %.2f, FMR <= %.1f%%] = [%.3f, %.3f]: "
                        + "%.3f (TMR %.3f, FMR %.4f; photos %.3f, crops %.3f, mixed %.3f)%n",
                VERIFY_TMR,
                MAX_FMR * 100,
                all.thresholdFor(VERIFY_TMR),
                newPerson,
                verify,
                all.tmr(verify),
                all.fmr(verify),
                photoPairs.tmr(verify),
                smallPairs.tmr(verify),
                mixedPairs.tmr(verify));
        System.out.printf(
                Locale.ROOT,
                "strong distance     = 0.05 below the closest impostor pair (%.3f): %.3f " + "(TMR %.3f)%n",
                all.impostor().get(0),
                strong,
                all.tmr(strong));
        System.out.printf(Locale.ROOT, "margin              = %.2f%n", MARGIN);
        lookalikes(accept, verify, newPerson);

        TrackDecider decider = new TrackDecider(new TrackDecider.Settings(accept, MARGIN, strong, newPerson, 2, 3));
        System.out.println();
        returningCustomers(decider, photos, "photos");
        returningCustomers(decider, small, "crops");
        strangers(decider, photos, "photos");
        strangers(decider, small, "crops");
        System.exit(0);
    }

    /**
     * Every person enrolled with the first half of their photos; each other photo comes back as a track of three
     * frames. Counts what the track decider makes of the returns.
     */
    private static void returningCustomers(TrackDecider decider, List<Face> faces, String label) {
        Map<String, List<Face>> byPerson = group(faces);
        Gallery gallery = new Gallery(1);
        List<Face> returns = new ArrayList<>();
        long id = 0;
        for (Map.Entry<String, List<Face>> person : byPerson.entrySet()) {
            List<Face> own = person.getValue();
            int enrolled = Math.max(1, own.size() / 2);
            for (int i = 0; i < own.size(); i++) {
                if (i < enrolled) {
                    gallery.add(person.getKey(), id++, own.get(i).descriptor());
                } else {
                    returns.add(own.get(i));
                }
            }
        }
        int right = 0;
        int wrong = 0;
        int undecided = 0;
        int duplicate = 0;
        double smallestGap = Double.POSITIVE_INFINITY;
        for (Face face : returns) {
            TrackDecider.Decision d = decider.decide(frames(gallery, face, 3), Set.of(), false);
            switch (d.outcome()) {
                case ACCEPT -> {
                    if (d.customerId().equals(face.identity())) {
                        right++;
                        smallestGap = Math.min(smallestGap, d.runnerUp() - d.distance());
                    } else {
                        wrong++;
                    }
                }
                case NEW_CUSTOMER -> duplicate++;
                case UNDECIDED -> undecided++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "returns (%s, %d people enrolled on half their photos, %d returns on the "
                        + "others): recognised %d (%.0f%%), wrong customer %d, undecided %d, duplicate customer %d; smallest "
                        + "runner-up gap of a recognised return %.3f%n",
                label,
                byPerson.size(),
                returns.size(),
                right,
                100.0 * right / returns.size(),
                wrong,
                undecided,
                duplicate,
                smallestGap);
    }

    /** Each person in turn left out of a gallery of everyone else: their photos must not be taken for anyone. */
    private static void strangers(TrackDecider decider, List<Face> faces, String label) {
        Map<String, List<Face>> byPerson = group(faces);
        int falseAccept = 0;
        int newCustomer = 0;
        int undecided = 0;
        int total = 0;
        for (String stranger : byPerson.keySet()) {
            Gallery gallery = new Gallery(1);
            long id = 0;
            for (Face f : faces) {
                if (!f.identity().equals(stranger)) {
                    gallery.add(f.identity(), id++, f.descriptor());
                }
            }
            for (Face face : byPerson.get(stranger)) {
                total++;
                TrackDecider.Decision d = decider.decide(frames(gallery, face, 3), Set.of(), false);
                switch (d.outcome()) {
                    case ACCEPT -> {
                        falseAccept++;
                        System.out.printf(
                                Locale.ROOT,
                                "  stranger %s %s taken for %s at %.3f (runner-up %.3f)%n",
                                face.identity(),
                                face.file(),
                                d.customerId(),
                                d.distance(),
                                d.runnerUp());
                    }
                    case NEW_CUSTOMER -> newCustomer++;
                    case UNDECIDED -> undecided++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "strangers (%s, each person left out of a gallery of all others' photos, %d "
                        + "tracks): new customer %d (%.0f%%), undecided %d, taken for someone else %d%n",
                label,
                total,
                newCustomer,
                100.0 * newCustomer / total,
                undecided,
                falseAccept);
    }

    /**
     * A harder impostor set beside the calibration pairs: the faces of the six sample group photos (22 different
     * women of similar age and look; faces at the identity service's quality threshold or better), against each
     * other. Not used to choose thresholds; printed so that their cost on look-alikes is known.
     */
    private static void lookalikes(double accept, double verify, double newPerson) {
        List<float[]> faces = RealFaces.all().stream()
                .filter(p -> p.quality() >= 0.15f)
                .map(p -> p.face().descriptor())
                .toList();
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                pairs.add((double) Descriptors.distance(faces.get(i), faces.get(j)));
            }
        }
        pairs.sort(null);
        System.out.printf(
                Locale.ROOT,
                "look-alikes (sample photos, %d faces, %d impostor pairs): closest %.3f %.3f "
                        + "%.3f; within accept %d, verify %d, new-person %d%n",
                faces.size(),
                pairs.size(),
                pairs.get(0),
                pairs.get(1),
                pairs.get(2),
                pairs.stream().filter(d -> d <= accept).count(),
                pairs.stream().filter(d -> d <= verify).count(),
                pairs.stream().filter(d -> d <= newPerson).count());
    }

    /** A track of {@code n} frames of one photo: the same face each time, as a still person gives. */
    private static List<Map<String, Double>> frames(Gallery gallery, Face face, int n) {
        Map<String, Double> distances = new HashMap<>();
        for (Candidate c : gallery.nearest(face.descriptor(), 8)) {
            distances.put(c.customerId(), c.distance());
        }
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(distances);
        }
        return out;
    }

    private static Map<String, List<Face>> group(List<Face> faces) {
        Map<String, List<Face>> out = new java.util.LinkedHashMap<>();
        faces.forEach(
                f -> out.computeIfAbsent(f.identity(), k -> new ArrayList<>()).add(f));
        return out;
    }

    private static Pairs pairs(String name, List<Face> a, List<Face> b) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        boolean same = a == b;
        for (int i = 0; i < a.size(); i++) {
            for (int j = same ? i + 1 : 0; j < b.size(); j++) {
                Face x = a.get(i);
                Face y = b.get(j);
                if (x.file().equals(y.file())) {
                    continue; // a photo and its own crop are copies, not two sightings
                }
                double d = Descriptors.distance(x.descriptor(), y.descriptor());
                (x.identity().equals(y.identity()) ? genuine : impostor).add(d);
            }
        }
        genuine.sort(null);
        impostor.sort(null);
        return new Pairs(name, genuine, impostor);
    }

    private static Pairs union(String name, List<Pairs> sets) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        sets.forEach(p -> {
            genuine.addAll(p.genuine());
            impostor.addAll(p.impostor());
        });
        genuine.sort(null);
        impostor.sort(null);
        return new Pairs(name, genuine, impostor);
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private RecognitionStudy() {}
}
