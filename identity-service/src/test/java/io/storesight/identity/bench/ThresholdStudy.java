package io.storesight.identity.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.storesight.identity.Descriptors;
import io.storesight.identity.RealFaces;
import io.storesight.identity.RealFaces.Person;

/**
 * The measurement behind the matching defaults: on the sample photos through the real engine, distances between
 * views of the same face (mirrored, downscaled) versus between different faces, and each face's quality score.
 *
 * <pre>./mvnw -pl identity-service -Pbench test-compile exec:exec -Dbench.main=io.storesight.identity.bench.ThresholdStudy</pre>
 */
public final class ThresholdStudy {
    public static void main(String[] args) {
        List<Person> people = RealFaces.all();
        List<Double> same = new ArrayList<>();
        List<Double> different = new ArrayList<>();
        for (Person p : people) {
            float[] base = p.views().get(0);
            for (int v = 1; v < p.views().size(); v++) {
                same.add((double) Descriptors.distance(base, p.views().get(v)));
            }
            double nearestOther = Double.POSITIVE_INFINITY;
            for (Person o : people) {
                if (o != p) {
                    nearestOther = Math.min(nearestOther, Descriptors.distance(base, o.views().get(0)));
                }
            }
            System.out.printf("%s #%d  views=%d  quality=%.2f size=%.0f sharp=%.0f yaw=%.0f  age=%.0f %s %s(%.2f)  "
                    + "same-person max=%.3f  nearest other=%.3f%n", p.photo(), p.index(), p.views().size(),
                    p.face().quality().score(), p.face().quality().faceSize(), p.face().quality().sharpness(),
                    p.face().quality().yaw(), p.face().age(), p.face().ageBand(), p.face().gender(),
                    p.face().genderConfidence(),
                    p.views().stream().skip(1).mapToDouble(v -> Descriptors.distance(base, v)).max().orElse(0),
                    nearestOther);
        }
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                different.add((double) Descriptors.distance(people.get(i).views().get(0), people.get(j).views().get(0)));
            }
        }
        Collections.sort(same);
        Collections.sort(different);
        System.out.printf("faces=%d  same-person pairs=%d: min %.3f median %.3f p95 %.3f max %.3f%n", people.size(),
                same.size(), same.get(0), same.get(same.size() / 2), same.get((int) (same.size() * 0.95)),
                same.get(same.size() - 1));
        System.out.printf("different-person pairs=%d: min %.3f p1 %.3f p5 %.3f median %.3f%n", different.size(),
                different.get(0), different.get(different.size() / 100), different.get(different.size() / 20),
                different.get(different.size() / 2));
        for (double t : new double[] { 0.35, 0.4, 0.45, 0.5, 0.55, 0.6 }) {
            long sameBelow = same.stream().filter(d -> d <= t).count();
            long diffBelow = different.stream().filter(d -> d <= t).count();
            System.out.printf("threshold %.2f: same-person accepted %d/%d, different-person accepted %d/%d%n", t,
                    sameBelow, same.size(), diffBelow, different.size());
        }
        System.exit(0);
    }

    private ThresholdStudy() {
    }
}
