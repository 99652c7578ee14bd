package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.storesight.testsupport.Slow;

/**
 * 10,000 pipeline calls; the resident set (which includes PyTorch's and OpenCV's native heaps) must level off.
 * Small images keep it short: most calls are a face-free 96×64 gradient (decode + detection), every
 * 50th is a 320×256 photo with faces, which runs all three networks and their NDManager scopes.
 */
@Slow
class NativeMemoryTest {

    static final int CALLS = 10_000;
    static final int FACE_EVERY = 50;
    static final long MAX_GROWTH_KB = 64 * 1024;

    @Test
    void residentMemoryStaysBoundedOver10000Calls() throws IOException {
        FacePipeline pipeline = Samples.pipeline();
        Mat full = Samples.decode(Samples.sampleBytes(6));
        Mat small = new Mat();
        Imgproc.resize(full, small, new Size(320, 256), 0, 0, Imgproc.INTER_AREA);
        byte[] withFaces = Samples.encode(".jpg", small);
        Mat gradient = new Mat(64, 96, CvType.CV_8UC3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                gradient.put(y, x, x * 2, y * 3, 128);
            }
        }
        byte[] tiny = Samples.encode(".png", gradient);
        full.release();
        small.release();
        gradient.release();
        assertTrue(pipeline.analyze(tiny).faces().isEmpty(), "the filler image must be face-free");
        int faces = pipeline.analyze(withFaces).faces().size();
        assertTrue(faces >= 1, "the small photo must exercise the networks");

        long baseline = 0;
        int faceCalls = 0;
        for (int i = 0; i < CALLS; i++) {
            if (i % FACE_EVERY == 0) {
                assertEquals(
                        faces,
                        pipeline.analyzeBatch(List.of(withFaces)).get(0).faces().size());
                faceCalls++;
            } else {
                pipeline.analyze(tiny);
            }
            if (i == CALLS / 10) {
                System.gc();
                baseline = rssKb(); // after warm-up: allocator pools and JIT have settled
            }
        }
        System.gc();
        long end = rssKb();
        System.out.printf(
                "RSS after %d calls: %d MB at call %d, %d MB at the end (%+d MB); %d calls ran the networks%n",
                CALLS, baseline / 1024, CALLS / 10, end / 1024, (end - baseline) / 1024, faceCalls);
        assertTrue(end - baseline < MAX_GROWTH_KB, "RSS grew by " + (end - baseline) / 1024 + " MB");
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
