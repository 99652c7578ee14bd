package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * BlazeFace on the six sample photos against boxes checked by eye once (rendered onto the photos) and committed
 * in expected-faces.json; close-ups; tiling.
 */
class DetectorTest {

    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        Samples.pipeline();
        expected = new ObjectMapper().readTree(Samples.resource("expected-faces.json"));
    }

    static List<Box> expectedBoxes(int sample) {
        List<Box> boxes = new ArrayList<>();
        for (JsonNode b : expected.get("sample" + sample + ".jpg")) {
            boxes.add(new Box(
                    b.get(0).floatValue(),
                    b.get(1).floatValue(),
                    b.get(2).floatValue(),
                    b.get(3).floatValue()));
        }
        return boxes;
    }

    /** Every expected box matched by exactly one detection with IoU ≥ 0.5, and no detection left over. */
    static void assertSameFaces(List<Box> expectedBoxes, List<Box> found, String where) {
        assertEquals(expectedBoxes.size(), found.size(), where + ": face count; found " + found);
        List<Box> unmatched = new ArrayList<>(found);
        for (Box e : expectedBoxes) {
            Box best = unmatched.stream()
                    .max((a, b) -> Float.compare(a.iou(e), b.iou(e)))
                    .orElseThrow();
            assertTrue(
                    best.iou(e) >= 0.5f,
                    where + ": no detection for expected " + e + " (best IoU " + best.iou(e) + ")");
            unmatched.remove(best);
        }
    }

    @Test
    void findsAll22SampleFacesWithoutFalsePositives() {
        int total = 0;
        for (int i = 1; i <= Samples.SAMPLE_COUNT; i++) {
            FaceAnalysis analysis = Samples.pipeline().analyze(Samples.sampleBytes(i));
            List<Box> found = analysis.faces().stream().map(DetectedFace::box).toList();
            assertSameFaces(expectedBoxes(i), found, "sample" + i);
            for (DetectedFace face : analysis.faces()) {
                assertEquals(6, face.keypoints().size());
                assertTrue(face.score() >= 0.6f && face.score() <= 1f, "score " + face.score());
                Box b = face.box();
                Point2 nose = face.keypoints().get(2);
                assertTrue(
                        nose.x() > b.x() && nose.x() < b.right() && nose.y() > b.y() && nose.y() < b.bottom(),
                        "nose keypoint inside the face box");
            }
            total += found.size();
        }
        assertEquals(22, total);
    }

    @Test
    void anchorGridsHaveTheDocumentedSizes() {
        assertEquals(2304 * 2, BlazeFace.anchors(BlazeFace.Variant.FULL_RANGE).length);
        assertEquals(896 * 2, BlazeFace.anchors(BlazeFace.Variant.SHORT_RANGE).length);
    }

    /** A face that fills the image (an uploaded crop, a selfie): full range misses it, AUTO falls back to short range. */
    @Test
    void autoModeFindsTightFaceCrops() {
        FaceDetector full = new FaceDetector(Samples.modelDir(), DetectorMode.FULL_RANGE, false);
        FaceDetector auto = new FaceDetector(Samples.modelDir(), DetectorMode.AUTO, false);
        int fullFound = 0;
        int crops = 0;
        for (int i = 1; i <= Samples.SAMPLE_COUNT; i++) {
            Mat image = Samples.decode(Samples.sampleBytes(i));
            for (Box b : expectedBoxes(i)) {
                // the face box plus 10% on each side, as an uploaded face photo would be framed
                Rect r = Alignment.clip(
                        b.x() - b.width() * 0.1f,
                        b.y() - b.height() * 0.1f,
                        b.width() * 1.2f,
                        b.height() * 1.2f,
                        image.cols(),
                        image.rows());
                Mat crop = new Mat();
                Imgproc.resize(image.submat(r), crop, new Size(150, 150), 0, 0, Imgproc.INTER_AREA);
                fullFound += full.detect(crop).isEmpty() ? 0 : 1;
                List<BlazeFace.Detection> found = auto.detect(crop);
                assertEquals(1, found.size(), "sample" + i + " crop " + r + ": AUTO should find the one face");
                assertTrue(found.get(0).box().iou(new Box(15, 15, 125, 125)) > 0.5f, "the detection is the face");
                crop.release();
                crops++;
            }
            image.release();
        }
        assertEquals(22, crops);
        assertTrue(fullFound < crops / 2, "full range alone is expected to miss most close-ups, found " + fullFound);
    }

    @Test
    void autoPipelineAnalysesAnUploadedFaceCrop() {
        Mat image = Samples.decode(Samples.sampleBytes(6));
        Box b = expectedBoxes(6).get(0);
        Mat crop = image.submat(Alignment.clip(b.x(), b.y(), b.width(), b.height(), image.cols(), image.rows()))
                .clone();
        EngineConfig config = EngineConfig.defaults().withDetector(DetectorMode.AUTO);
        try (FacePipeline auto = FacePipeline.create(config)) {
            FaceAnalysis analysis = auto.analyze(Samples.encode(".png", crop));
            assertEquals(1, analysis.faces().size());
            assertEquals(128, analysis.faces().get(0).descriptor().length);
        } finally {
            crop.release();
            image.release();
        }
    }

    /** Faces of ~1/20 of the frame width: the whole-frame pass misses most, the 3×3 tiles find them. */
    @Test
    void tilingFindsSmallFacesInALargeFrame() {
        Mat frame = new Mat(1080, 1920, CvType.CV_8UC3, new Scalar(90, 90, 90));
        int placed = 0;
        int x = 40;
        int y = 40;
        for (int i = 1; i <= Samples.SAMPLE_COUNT; i++) {
            Mat image = Samples.decode(Samples.sampleBytes(i));
            for (Box b : expectedBoxes(i)) {
                // the face with some context, shrunk so the face is ~100 px in a 1920-px frame
                Rect r = Alignment.clip(
                        b.x() - b.width() * 0.5f,
                        b.y() - b.height() * 0.5f,
                        b.width() * 2f,
                        b.height() * 2f,
                        image.cols(),
                        image.rows());
                Mat small = new Mat();
                Imgproc.resize(image.submat(r), small, new Size(200, 200), 0, 0, Imgproc.INTER_AREA);
                if (x + 200 > frame.cols()) {
                    x = 40;
                    y += 330;
                }
                small.copyTo(frame.submat(new Rect(x, y, 200, 200)));
                small.release();
                x += 236;
                placed++;
            }
            image.release();
        }
        FaceDetector plain = new FaceDetector(Samples.modelDir(), DetectorMode.FULL_RANGE, false);
        FaceDetector tiled = new FaceDetector(Samples.modelDir(), DetectorMode.FULL_RANGE, true);
        int plainFound = plain.detect(frame).size();
        int tiledFound = tiled.detect(frame).size();
        System.out.printf(
                "tiling: %d small faces placed, %d found without tiling, %d with%n", placed, plainFound, tiledFound);
        assertTrue(tiledFound > plainFound, "tiling should find more small faces");
        assertTrue(tiledFound >= placed * 3 / 4, "tiling found only " + tiledFound + " of " + placed);
        assertTrue(tiledFound <= placed, "more detections than faces: " + tiledFound);
        frame.release();
    }
}
