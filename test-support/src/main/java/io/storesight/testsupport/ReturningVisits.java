package io.storesight.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storesight.testsupport.Calibration.Photo;

/**
 * A store's day of returning customers made from the calibration set: every person comes in once showing the first
 * half of their photos and comes back showing only the others (other days, other looks), so a return is never a copy
 * of what was seen before. The scenario tests of identity-service and the whole stack play it.
 */
public final class ReturningVisits {

    /** Each person's photos of the first visit: the first half (rounded up). */
    public static Map<String, List<Photo>> firstLooks() {
        Map<String, List<Photo>> out = new LinkedHashMap<>();
        Calibration.byIdentity().forEach((person, own) -> out.put(person, own.subList(0, (own.size() + 1) / 2)));
        return out;
    }

    /** Each person's photos of the return: every photo the first visit did not show. */
    public static Map<String, List<Photo>> returnLooks() {
        Map<String, List<Photo>> out = new LinkedHashMap<>();
        Calibration.byIdentity()
                .forEach((person, own) -> out.put(person, own.subList((own.size() + 1) / 2, own.size())));
        return out;
    }

    /** The people in passes, in order: every {@code pairEvery}-th pass brings two of them into view together. */
    public static List<List<String>> passes(List<String> people, int pairEvery) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            if (out.size() % pairEvery == pairEvery - 1 && i + 1 < people.size()) {
                out.add(List.of(people.get(i), people.get(i + 1)));
                i++;
            } else {
                out.add(List.of(people.get(i)));
            }
        }
        return out;
    }

    private ReturningVisits() {}
}
