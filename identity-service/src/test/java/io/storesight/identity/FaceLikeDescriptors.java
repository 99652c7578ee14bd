package io.storesight.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Made-up people whose descriptors are distributed like real ones, for galleries far larger than the calibration set:
 * fitted on the calibration set's faces (every photo and crop), a person is the real mean plus, per dimension, a
 * normal spread as wide as between the real people, and each photo of them adds a spread as wide as between one real
 * person's photos. Pairs come out as far apart as real ones (genuine ≈ 0.39, impostor ≈ 0.9). Dimensions are drawn
 * independently, which leaves an index no correlations to exploit: harder than real faces, not easier.
 */
public final class FaceLikeDescriptors {
    private static FaceLikeDescriptors fitted;

    private final float[] mean;
    private final float[] between;
    private final float[] within;

    private FaceLikeDescriptors(float[] mean, float[] between, float[] within) {
        this.mean = mean;
        this.between = between;
        this.within = within;
    }

    /** Fitted once per JVM on {@link CalibrationFaces} (runs the face engine over the set the first time). */
    public static synchronized FaceLikeDescriptors fitted() {
        if (fitted == null) {
            Map<String, List<float[]>> people = new LinkedHashMap<>();
            for (CalibrationFaces.Condition condition : CalibrationFaces.Condition.values()) {
                for (CalibrationFaces.Face face : CalibrationFaces.of(condition)) {
                    people.computeIfAbsent(face.identity(), k -> new ArrayList<>())
                            .add(face.descriptor());
                }
            }
            fitted = fit(people);
        }
        return fitted;
    }

    static FaceLikeDescriptors fit(Map<String, List<float[]>> people) {
        int dim = Descriptors.DIM;
        List<double[]> centres = new ArrayList<>();
        double[] withinSquares = new double[dim];
        int photos = 0;
        for (List<float[]> faces : people.values()) {
            double[] centre = new double[dim];
            for (float[] f : faces) {
                for (int d = 0; d < dim; d++) {
                    centre[d] += f[d] / faces.size();
                }
            }
            for (float[] f : faces) {
                for (int d = 0; d < dim; d++) {
                    withinSquares[d] += (f[d] - centre[d]) * (f[d] - centre[d]);
                }
            }
            centres.add(centre);
            photos += faces.size();
        }
        float[] mean = new float[dim];
        float[] between = new float[dim];
        float[] within = new float[dim];
        for (int d = 0; d < dim; d++) {
            double m = 0;
            for (double[] c : centres) {
                m += c[d] / centres.size();
            }
            double spread = 0;
            for (double[] c : centres) {
                spread += (c[d] - m) * (c[d] - m);
            }
            mean[d] = (float) m;
            between[d] = (float) Math.sqrt(spread / (centres.size() - 1));
            within[d] = (float) Math.sqrt(withinSquares[d] / (photos - centres.size()));
        }
        return new FaceLikeDescriptors(mean, between, within);
    }

    /** A new person: where their photos scatter around. */
    public float[] person(Random random) {
        return scatter(mean, between, random);
    }

    /** One more photo of {@code person}. */
    public float[] photo(float[] person, Random random) {
        return scatter(person, within, random);
    }

    /** Independent normal values of spread {@code sigma} around zero: descriptors with no face structure at all. */
    public static float[] unstructured(Random random, float sigma) {
        float[] v = new float[Descriptors.DIM];
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    private static float[] scatter(float[] centre, float[] sigma, Random random) {
        float[] v = new float[Descriptors.DIM];
        for (int d = 0; d < v.length; d++) {
            v[d] = centre[d] + (float) random.nextGaussian() * sigma[d];
        }
        return v;
    }
}
