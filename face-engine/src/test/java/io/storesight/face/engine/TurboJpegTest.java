package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** TurboJPEG must give exactly OpenCV's pixels, or the engine's results would depend on what is installed. */
class TurboJpegTest {

    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    @Test
    void decodesExactlyAsOpenCvDoes() {
        assumeTrue(TurboJpeg.available(), "libturbojpeg is not installed here (apt install libturbojpeg0)");
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 1; i <= Samples.SAMPLE_COUNT; i++) {
            jpegs.add(Samples.sampleBytes(i));
        }
        Mat photo = Samples.decode(Samples.sampleBytes(1));
        Mat grey = new Mat();
        Imgproc.cvtColor(photo, grey, Imgproc.COLOR_BGR2GRAY);
        jpegs.add(encode(grey, 90, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420));
        jpegs.add(encode(photo, 75, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444));
        jpegs.add(encode(photo, 95, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422));
        photo.release();
        grey.release();

        for (int i = 0; i < jpegs.size(); i++) {
            byte[] jpeg = jpegs.get(i);
            Mat turbo = TurboJpeg.decodeBgr(jpeg);
            assertNotNull(turbo, "TurboJPEG refused JPEG " + i);
            Mat reference = ImageDecoder.toBgr8(Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_UNCHANGED));
            assertEquals(reference.size(), turbo.size(), "size of JPEG " + i);
            Mat diff = new Mat();
            Core.absdiff(turbo, reference, diff);
            assertEquals(0, Core.countNonZero(diff.reshape(1)), "pixels differing in JPEG " + i);
            diff.release();
            turbo.release();
            reference.release();
        }
    }

    @Test
    void leavesWhatItCannotDecodeCleanlyToOpenCv() {
        assumeTrue(TurboJpeg.available(), "libturbojpeg is not installed here (apt install libturbojpeg0)");
        byte[] jpeg = Samples.sampleBytes(1);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2); // libjpeg warns "premature end": not clean
        assertEquals(null, TurboJpeg.decodeBgr(cut));
        assertEquals(null, TurboJpeg.decodeBgr(new byte[] {1, 2, 3}));
    }

    private static byte[] encode(Mat image, int quality, int sampling) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(
                ".jpg",
                image,
                out,
                new MatOfInt(
                        Imgcodecs.IMWRITE_JPEG_QUALITY, quality, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, sampling));
        byte[] bytes = out.toArray();
        out.release();
        return bytes;
    }
}
