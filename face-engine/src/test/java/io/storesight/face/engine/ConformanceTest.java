package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/**
 * The Java networks against the original face-api (TF.js CPU) on identical pixels: lossless PNG crops and the
 * golden outputs written by src/test/node/make-goldens.mjs. Also runs them as one batch, which must not change
 * any number.
 */
class ConformanceTest {

    static final double TOLERANCE = 1e-3;

    private static NDManager manager;
    private static Landmark68Net landmarks;
    private static FaceRecognitionNet recognition;
    private static AgeGenderNet ageGender;
    private static JsonNode goldens;
    private static final List<String> names = new ArrayList<>();
    private static final List<Mat> crops = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        Samples.pipeline(); // natives and thread settings
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Path faceApi = Samples.modelDir().resolve("face-api");
        landmarks = new Landmark68Net(manager, faceApi);
        recognition = new FaceRecognitionNet(manager, faceApi);
        ageGender = new AgeGenderNet(manager, faceApi);
        goldens = new ObjectMapper()
                .readTree(Samples.resource("conformance/goldens.json"))
                .get("crops");
        for (Iterator<Map.Entry<String, JsonNode>> it = goldens.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            names.add(name);
            crops.add(Samples.decode(Samples.resource("conformance/" + name)));
        }
        assertTrue(names.size() >= 5, "expected the committed conformance crops");
    }

    private static final Map<String, Double> maxDeviation = new java.util.TreeMap<>();

    private static synchronized void note(String what, double expected, double actual) {
        maxDeviation.merge(what, Math.abs(expected - actual), Math::max);
    }

    @AfterAll
    static void release() {
        System.out.println("largest deviation from face-api: " + maxDeviation);
        crops.forEach(Mat::release);
        manager.close();
    }

    @Test
    void landmarksMatchTheOriginal() {
        for (List<Mat> batch : List.of(crops.subList(0, 1), crops)) {
            try (NDManager scope = manager.newSubManager()) {
                List<Point2[]> out = landmarks.run(scope, batch);
                for (int i = 0; i < out.size(); i++) {
                    JsonNode expected = goldens.get(names.get(i)).get("landmarks");
                    assertEquals(68, expected.size());
                    for (int k = 0; k < 68; k++) {
                        String where = names.get(i) + " landmark " + k;
                        note("landmark px", expected.get(k).get(0).asDouble(), out.get(i)[k].x());
                        note("landmark px", expected.get(k).get(1).asDouble(), out.get(i)[k].y());
                        assertEquals(expected.get(k).get(0).asDouble(), out.get(i)[k].x(), TOLERANCE, where + " x");
                        assertEquals(expected.get(k).get(1).asDouble(), out.get(i)[k].y(), TOLERANCE, where + " y");
                    }
                }
            }
        }
    }

    @Test
    void descriptorsMatchTheOriginal() {
        for (List<Mat> batch : List.of(crops.subList(0, 1), crops)) {
            try (NDManager scope = manager.newSubManager()) {
                List<float[]> out = recognition.run(scope, batch);
                for (int i = 0; i < out.size(); i++) {
                    JsonNode expected = goldens.get(names.get(i)).get("descriptor");
                    assertEquals(128, expected.size());
                    for (int k = 0; k < 128; k++) {
                        note("descriptor", expected.get(k).asDouble(), out.get(i)[k]);
                        assertEquals(
                                expected.get(k).asDouble(),
                                out.get(i)[k],
                                TOLERANCE,
                                names.get(i) + " descriptor[" + k + "]");
                    }
                }
            }
        }
    }

    @Test
    void ageAndGenderMatchTheOriginal() {
        for (List<Mat> batch : List.of(crops.subList(0, 1), crops)) {
            try (NDManager scope = manager.newSubManager()) {
                List<AgeGenderNet.Estimate> out = ageGender.run(scope, batch);
                for (int i = 0; i < out.size(); i++) {
                    JsonNode expected = goldens.get(names.get(i));
                    note("age", expected.get("age").asDouble(), out.get(i).age());
                    note(
                            "P(male)",
                            expected.get("maleProbability").asDouble(),
                            out.get(i).maleProbability());
                    assertEquals(expected.get("age").asDouble(), out.get(i).age(), TOLERANCE, names.get(i) + " age");
                    assertEquals(
                            expected.get("maleProbability").asDouble(),
                            out.get(i).maleProbability(),
                            TOLERANCE,
                            names.get(i) + " P(male)");
                }
            }
        }
    }

    @Test
    void weightFilesHaveTheDocumentedParameterCounts() {
        Path faceApi = Samples.modelDir().resolve("face-api");
        TfjsWeights fr = TfjsWeights.load(faceApi, FaceRecognitionNet.MODEL);
        assertEquals(117, fr.tensorCount());
        assertEquals(5_614_592L, fr.parameterCount());
        TfjsWeights ag = TfjsWeights.load(faceApi, AgeGenderNet.MODEL);
        assertEquals(51, ag.tensorCount());
        assertEquals(421_731L, ag.parameterCount());
    }
}
