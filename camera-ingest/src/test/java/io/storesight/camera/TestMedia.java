package io.storesight.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.videoio.VideoWriter;

import io.storesight.camera.service.Ffmpeg;
import io.storesight.camera.service.Frames;
import io.storesight.contracts.Models;

/** Test media made from the real sample photos (models/fetch), with the service's ffmpeg and OpenCV, under target/. */
public final class TestMedia {
    public static final Path DIR = Path.of("target", "test-media").toAbsolutePath();

    public static Path models() {
        Path models = Models.find()
                .orElseThrow(() -> new IllegalStateException("models/samples not found: run models/fetch first"));
        if (!Files.isRegularFile(Models.sample(models, 1))) {
            throw new IllegalStateException("sample photos missing under " + models + ": run models/fetch first");
        }
        return models;
    }

    public static Path sample(int n) {
        return Models.sample(models(), n);
    }

    /** 4 s of H.264 at 25 fps (100 frames), 640×426, from sample1 with a slow zoom so that frames differ. */
    public static synchronized Path h264Mp4() throws IOException, InterruptedException {
        Path target = DIR.resolve("clip-h264.mp4");
        if (!Files.exists(target)) {
            Files.createDirectories(DIR);
            // Cisco's OpenH264 encoder is part of the packaged LGPL ffmpeg (libx264 is not). A key frame every
            // second, as cameras send, so that a player joining an RTSP stream starts within a second.
            ffmpeg(
                    "-loop",
                    "1",
                    "-i",
                    sample(1).toString(),
                    "-t",
                    "4",
                    "-r",
                    "25",
                    "-vf",
                    "scale=640:-2,format=yuv420p",
                    "-c:v",
                    "libopenh264",
                    "-g",
                    "25",
                    target.toString());
        }
        return target;
    }

    /**
     * 3 s of H.265 at 10 fps (30 frames), 384×288, from sample2, in Matroska: the stream is written by
     * {@link HevcPcmWriter} from frames ffmpeg scales (the packaged LGPL ffmpeg decodes HEVC but has no software
     * encoder for it), then put in a container with timestamps by ffmpeg.
     */
    public static synchronized Path h265Mkv() throws IOException {
        Path target = DIR.resolve("clip-h265.mkv");
        if (!Files.exists(target)) {
            Files.createDirectories(DIR);
            Path raw = DIR.resolve("clip-h265.yuv");
            Path stream = DIR.resolve("clip-h265.hevc");
            ffmpeg(
                    "-loop",
                    "1",
                    "-i",
                    sample(2).toString(),
                    "-t",
                    "3",
                    "-r",
                    "10",
                    "-vf",
                    "scale=384:288,format=yuv420p",
                    "-f",
                    "rawvideo",
                    raw.toString());
            try (InputStream in = Files.newInputStream(raw);
                    OutputStream out = Files.newOutputStream(stream)) {
                new HevcPcmWriter(384, 288, out).writeAll(in);
            }
            ffmpeg(
                    "-fflags",
                    "+genpts",
                    "-framerate",
                    "10",
                    "-f",
                    "hevc",
                    "-i",
                    stream.toString(),
                    "-c",
                    "copy",
                    target.toString());
            Files.delete(raw);
            Files.delete(stream);
        }
        return target;
    }

    /**
     * Publishes a clip in a loop and in real time to an RTSP server ({@link RtspRelay}), as a camera would stream it.
     * Stop it with {@link Process#destroy()}.
     */
    public static Process publishRtsp(Path clip, String url) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Ffmpeg.locate(),
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-re",
                "-stream_loop",
                "-1",
                "-i",
                clip.toString(),
                "-c",
                "copy",
                "-f",
                "rtsp",
                "-rtsp_transport",
                "tcp",
                url));
        return Ffmpeg.processBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(DIR.resolve(clip.getFileName() + "-rtsp.log").toFile())
                .start();
    }

    /** The H.264 clip cut into 1 s HLS segments ({@code seg<N>.ts}) with a playlist {@code clip.m3u8}, in a folder. */
    public static synchronized Path hls() throws IOException, InterruptedException {
        Path folder = DIR.resolve("hls");
        if (!Files.isRegularFile(folder.resolve("clip.m3u8"))) {
            Files.createDirectories(folder);
            ffmpeg(
                    "-i",
                    h264Mp4().toString(),
                    "-c",
                    "copy",
                    "-f",
                    "hls",
                    "-hls_time",
                    "1",
                    "-hls_list_size",
                    "0",
                    "-hls_playlist_type",
                    "vod",
                    "-hls_segment_filename",
                    folder.resolve("seg%d.ts").toString(),
                    folder.resolve("clip.m3u8").toString());
        }
        return folder;
    }

    /** 3 s of MJPEG in AVI at 10 fps (30 frames), 800×600, written by OpenCV from sample2 and sample3. */
    public static synchronized Path mjpegAvi() throws IOException {
        Path target = DIR.resolve("clip-mjpeg.avi");
        if (!Files.exists(target)) {
            Files.createDirectories(DIR);
            Frames.loadOpenCv();
            Size size = new Size(800, 600);
            VideoWriter writer = new VideoWriter(target.toString(), VideoWriter.fourcc('M', 'J', 'P', 'G'), 10, size);
            if (!writer.isOpened()) {
                throw new IOException("OpenCV cannot write MJPEG AVI to " + target);
            }
            for (int i = 0; i < 30; i++) {
                Mat photo = Imgcodecs.imread(sample(i < 15 ? 2 : 3).toString());
                Mat frame = new Mat();
                Imgproc.resize(photo, frame, size);
                writer.write(frame);
                frame.release();
                photo.release();
            }
            writer.release();
        }
        return target;
    }

    /** A folder of the six sample photos plus two smaller copies, named so that name order is known. */
    public static synchronized Path imageFolder() throws IOException {
        Path folder = DIR.resolve("folder");
        if (!Files.isDirectory(folder)) {
            Path partial = DIR.resolve("folder.partial");
            Files.createDirectories(partial);
            Frames.loadOpenCv();
            for (int i = 1; i <= 6; i++) {
                Files.copy(sample(i), partial.resolve(String.format("img-%02d.jpg", i)));
            }
            for (int i = 1; i <= 2; i++) {
                Mat photo = Imgcodecs.imread(sample(i).toString());
                Mat small = new Mat();
                Imgproc.resize(photo, small, new Size(400, 300));
                Imgcodecs.imwrite(
                        partial.resolve(String.format("img-%02d.png", 6 + i)).toString(), small);
                small.release();
                photo.release();
            }
            Files.move(partial, folder);
        }
        return folder;
    }

    /** Sizes of the folder's images in name order. */
    public static List<Size> imageSizes(Path folder) throws IOException {
        List<Size> sizes = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                Mat image = Imgcodecs.imread(file.toString());
                sizes.add(image.size());
                image.release();
            }
        }
        return sizes;
    }

    /** JPEG bytes of a sample photo scaled to the given width, for a test MJPEG stream. */
    public static byte[] jpegOfSample(int n, int width) {
        Frames.loadOpenCv();
        Mat photo = Imgcodecs.imread(sample(n).toString());
        Mat small = new Mat();
        Imgproc.resize(photo, small, new Size(width, Math.round(photo.rows() * width / (double) photo.cols())));
        byte[] jpeg = Frames.jpeg(small, 80);
        small.release();
        photo.release();
        return jpeg;
    }

    static void ffmpeg(String... args) throws IOException {
        Ffmpeg.run(Ffmpeg.locate(), List.of(args), 5);
    }

    private TestMedia() {}
}
