package io.storesight.face.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import io.storesight.contracts.Models;

/** Test access to the fetched models and sample photos, and to one pipeline shared by a test JVM. */
final class Samples {

    static final int SAMPLE_COUNT = 6;
    private static FacePipeline shared;

    private Samples() {}

    static Path modelDir() {
        return Models.locate();
    }

    static Path sample(int i) {
        return modelDir().resolve("samples").resolve("sample" + i + ".jpg");
    }

    static byte[] sampleBytes(int i) {
        try {
            return Files.readAllBytes(sample(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (var in = Samples.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Mat decode(byte[] bytes) {
        OpenCvNatives.load();
        MatOfByte buf = new MatOfByte(bytes);
        Mat m = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
        buf.release();
        return m;
    }

    static byte[] encode(String ext, Mat image) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(ext, image, buf);
        byte[] bytes = buf.toArray();
        buf.release();
        return bytes;
    }

    /** Loading the networks takes seconds; tests share one pipeline (it is thread-safe) and never close it. */
    static synchronized FacePipeline pipeline() {
        if (shared == null) {
            shared = FacePipeline.create(EngineConfig.defaults());
        }
        return shared;
    }
}
