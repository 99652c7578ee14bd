package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Inputs a camera, an upload or a bug can produce: a clear exception or an empty result, never a crash. */
class BadInputTest {

    private static Mat photo;
    private static byte[] photoPng;
    private static FaceAnalysis photoAnalysis;

    @BeforeAll
    static void prepare() {
        Mat full = Samples.decode(Samples.sampleBytes(3));
        photo = new Mat();
        Imgproc.resize(full, photo, new Size(960, 675), 0, 0, Imgproc.INTER_AREA);
        full.release();
        photoPng = Samples.encode(".png", photo);
        photoAnalysis = Samples.pipeline().analyze(photoPng);
        assertEquals(3, photoAnalysis.faces().size(), "reference: the three faces of sample3 at half size");
    }

    private static InvalidImageException rejected(byte[] bytes) {
        return assertThrows(
                InvalidImageException.class, () -> Samples.pipeline().analyze(bytes));
    }

    @Test
    void emptyAndMissingBytes() {
        assertTrue(rejected(new byte[0]).getMessage().contains("empty"));
        assertTrue(rejected(null).getMessage().contains("empty"));
        assertThrows(InvalidImageException.class, () -> Samples.pipeline().analyze(new Mat()));
    }

    @Test
    void bytesThatAreNoImage() {
        String message = rejected("{\"not\": \"an image\"}".getBytes(StandardCharsets.UTF_8))
                .getMessage();
        assertTrue(message.contains("not a JPEG or PNG"), message);
        assertTrue(rejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})
                .getMessage()
                .contains("JPEG"));
    }

    @Test
    void truncatedFilesAreRejectedNotHalfDecoded() {
        byte[] jpeg = Samples.sampleBytes(3);
        for (double fraction : new double[] {0.002, 0.5, 0.99}) {
            byte[] cut = Arrays.copyOf(jpeg, (int) (jpeg.length * fraction));
            String message = rejected(cut).getMessage();
            assertTrue(message.contains("truncated"), message);
        }
        byte[] png = Arrays.copyOf(photoPng, photoPng.length / 2);
        assertTrue(rejected(png).getMessage().contains("truncated"));
    }

    @Test
    void corruptScanDataGivesAnExceptionOrAResultButNoCrash() {
        byte[] jpeg = Samples.sampleBytes(3).clone();
        for (int i = jpeg.length / 3; i < jpeg.length - 2; i += 7) {
            jpeg[i] = (byte) (i * 31);
        }
        try {
            FaceAnalysis analysis = Samples.pipeline().analyze(jpeg);
            assertEquals(1920, analysis.width());
        } catch (InvalidImageException expected) {
            assertTrue(expected.getMessage().length() > 10);
        }
    }

    @Test
    void onePixelImageHasNoFaces() {
        Mat one = new Mat(1, 1, CvType.CV_8UC3, new Scalar(120, 130, 140));
        for (String ext : List.of(".png", ".jpg")) {
            FaceAnalysis analysis = Samples.pipeline().analyze(Samples.encode(ext, one));
            assertEquals(1, analysis.width());
            assertEquals(1, analysis.height());
            assertTrue(analysis.faces().isEmpty());
        }
        one.release();
    }

    /** A 10000×10000 header on a tiny file: refused from the header (a real decode would need 300 MB). */
    @Test
    void hugeImagesAreRejectedFromTheHeaderBeforeDecoding() {
        Mat small = new Mat(16, 16, CvType.CV_8UC3, new Scalar(1, 2, 3));
        byte[] jpeg = Samples.encode(".jpg", small);
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        writeU16(jpeg, sof + 5, 10000);
        writeU16(jpeg, sof + 7, 10000);
        ImageTooLargeException e = assertThrows(
                ImageTooLargeException.class, () -> Samples.pipeline().analyze(jpeg));
        assertEquals(10000, e.width());
        assertTrue(e.getMessage().contains("10000x10000"), e.getMessage());

        byte[] png = Samples.encode(".png", small);
        writeU32(png, 16, 10000);
        writeU32(png, 20, 10000);
        assertThrows(ImageTooLargeException.class, () -> Samples.pipeline().analyze(png));

        assertThrows(ImageTooLargeException.class, () -> ImageDecoder.decode(photoPng, 960L * 675 - 1));
        ImageDecoder.decode(photoPng, 960L * 675).release();
        small.release();
    }

    @Test
    void greyscaleJpegIsAnalysed() {
        Mat grey = new Mat();
        Imgproc.cvtColor(photo, grey, Imgproc.COLOR_BGR2GRAY);
        byte[] jpeg = Samples.encode(".jpg", grey);
        Mat check = Imgcodecs.imdecode(new org.opencv.core.MatOfByte(jpeg), Imgcodecs.IMREAD_UNCHANGED);
        assertEquals(1, check.channels(), "the test input really is a one-channel JPEG");
        check.release();
        FaceAnalysis analysis = Samples.pipeline().analyze(jpeg);
        assertEquals(3, analysis.faces().size());
        grey.release();
    }

    @Test
    void rgbaPngGivesTheSameResultAsRgb() {
        Mat bgra = new Mat();
        Imgproc.cvtColor(photo, bgra, Imgproc.COLOR_BGR2BGRA);
        assertSameAsPhoto(Samples.pipeline().analyze(Samples.encode(".png", bgra)));
        bgra.release();
    }

    @Test
    void sixteenBitPngGivesTheSameResultAsEightBit() {
        Mat deep = new Mat();
        photo.convertTo(deep, CvType.CV_16UC3, 257.0);
        byte[] png = Samples.encode(".png", deep);
        Mat check = Imgcodecs.imdecode(new org.opencv.core.MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED);
        assertEquals(CvType.CV_16U, check.depth(), "the test input really is 16-bit");
        assertSameAsPhoto(Samples.pipeline().analyze(png));
        deep.release();
        check.release();
    }

    private static void assertSameAsPhoto(FaceAnalysis analysis) {
        assertEquals(photoAnalysis.faces().size(), analysis.faces().size());
        for (int i = 0; i < analysis.faces().size(); i++) {
            assertArrayEquals(
                    photoAnalysis.faces().get(i).descriptor(),
                    analysis.faces().get(i).descriptor(),
                    1e-4f);
        }
    }

    /** Phones store portrait shots sideways with an EXIF Orientation tag; faces must be found upright. */
    @Test
    void exifOrientationIsApplied() {
        Mat sideways = new Mat();
        Core.rotate(photo, sideways, Core.ROTATE_90_COUNTERCLOCKWISE);
        byte[] stored = Samples.encode(".jpg", sideways);
        byte[] tagged = withExifOrientation(stored, 6);
        assertEquals(6, ImageDecoder.readHeader(tagged).orientation());

        FaceAnalysis upright = Samples.pipeline().analyze(tagged);
        assertEquals(960, upright.width());
        assertEquals(675, upright.height());
        List<Box> expected =
                photoAnalysis.faces().stream().map(DetectedFace::box).toList();
        DetectorTest.assertSameFaces(
                expected, upright.faces().stream().map(DetectedFace::box).toList(), "EXIF 6");

        FaceAnalysis untagged = Samples.pipeline().analyze(stored);
        assertEquals(675, untagged.width(), "without the tag the stored orientation is kept");
        sideways.release();
    }

    @Test
    void oneBadImageInABatchIsNamed() {
        String message = assertThrows(
                        InvalidImageException.class,
                        () -> Samples.pipeline().analyzeBatch(List.of(photoPng, new byte[] {1, 2, 3})))
                .getMessage();
        assertTrue(message.startsWith("image 1 of 2"), message);
    }

    /** APP1 "Exif" segment right after SOI with a big-endian IFD0 holding only the Orientation tag. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        byte[] segment = {
            (byte) 0xFF,
            (byte) 0xE1,
            0,
            34,
            'E',
            'x',
            'i',
            'f',
            0,
            0,
            'M',
            'M',
            0,
            0x2A,
            0,
            0,
            0,
            8,
            0,
            1,
            0x01,
            0x12,
            0,
            3,
            0,
            0,
            0,
            1,
            0,
            (byte) orientation,
            0,
            0,
            0,
            0,
            0,
            0
        };
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte a, byte b) {
        for (int i = 0; i < data.length - 1; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    private static void writeU16(byte[] d, int pos, int v) {
        d[pos] = (byte) (v >> 8);
        d[pos + 1] = (byte) v;
    }

    private static void writeU32(byte[] d, int pos, int v) {
        d[pos] = (byte) (v >>> 24);
        d[pos + 1] = (byte) (v >>> 16);
        d[pos + 2] = (byte) (v >>> 8);
        d[pos + 3] = (byte) v;
    }
}
