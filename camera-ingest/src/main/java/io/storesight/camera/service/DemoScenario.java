package io.storesight.camera.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import io.storesight.contracts.Models;

/**
 * Makes a looping MPEG-4 video from the sample photos: scenes with people (a whole sample photo) alternate with an
 * empty shop for longer than identity-service's absence threshold (10 s), so people arrive, leave and come back.
 */
public final class DemoScenario {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    /** One scene: a sample photo (1..6) or 0 for nobody, shown for some seconds. */
    public record Scene(int sample, int seconds) {}

    /** 120 s: sample 1 arrives, leaves, sample 2 comes, sample 1 returns, then sample 3. */
    public static final List<Scene> ENTRANCE = List.of(
            new Scene(0, 4),
            new Scene(1, 12),
            new Scene(0, 14),
            new Scene(2, 12),
            new Scene(0, 14),
            new Scene(1, 12),
            new Scene(0, 14),
            new Scene(3, 12),
            new Scene(0, 26));

    /** 120 s, the same people a little later at the counter (where orders are attributed to them). */
    public static final List<Scene> COUNTER = List.of(
            new Scene(0, 10),
            new Scene(1, 12),
            new Scene(0, 30),
            new Scene(2, 10),
            new Scene(0, 20),
            new Scene(1, 10),
            new Scene(0, 14),
            new Scene(3, 10),
            new Scene(0, 4));

    /**
     * Writes {@code target} (an .mp4) unless it already exists. Frames are rendered with OpenCV, encoded by ffmpeg
     * from a concat list of stills, at {@code videoFps}.
     */
    public static Path render(String ffmpeg, Path modelsDir, List<Scene> scenes, double videoFps, Path target)
            throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) > 0) {
            return target;
        }
        Frames.loadOpenCv();
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path work = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".demo-");
        try {
            List<String> list = new ArrayList<>(List.of("ffconcat version 1.0"));
            Path last = null;
            for (int i = 0; i < scenes.size(); i++) {
                Scene scene = scenes.get(i);
                Path still = work.resolve("scene" + i + ".png");
                writeStill(modelsDir, scene.sample(), still);
                list.add("file '" + still.getFileName() + "'");
                list.add("duration " + scene.seconds());
                last = still;
            }
            // The concat demuxer drops the last duration unless the last file is listed once more.
            list.add("file '" + last.getFileName() + "'");
            Path listFile = work.resolve("scenes.txt");
            Files.write(listFile, list, StandardCharsets.UTF_8);
            Path partial = work.resolve("out.mp4");
            // MPEG-4 part 2: built into every ffmpeg, the LGPL build packaged with the service included (no libx264).
            // -t: ffmpeg versions differ in how long they show the repeated last still.
            int seconds = scenes.stream().mapToInt(Scene::seconds).sum();
            Ffmpeg.run(
                    ffmpeg,
                    List.of(
                            "-f",
                            "concat",
                            "-safe",
                            "0",
                            "-i",
                            listFile.toString(),
                            "-vf",
                            "fps=" + videoFps + ",format=yuv420p",
                            "-c:v",
                            "mpeg4",
                            "-q:v",
                            "3",
                            "-g",
                            Integer.toString((int) Math.ceil(videoFps * 2)),
                            "-t",
                            Integer.toString(seconds),
                            partial.toString()),
                    5);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A 1280×720 still: an empty shop, or a sample photo fitted into it. */
    public static void writeStill(Path modelsDir, int sample, Path target) throws IOException {
        Mat canvas = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3, new Scalar(70, 72, 75));
        try {
            Imgproc.rectangle(canvas, new Rect(0, HEIGHT * 3 / 4, WIDTH, HEIGHT / 4), new Scalar(95, 100, 105), -1);
            if (sample > 0) {
                Path photoPath = Models.sample(modelsDir, sample);
                Mat photo = Imgcodecs.imread(photoPath.toString(), Imgcodecs.IMREAD_COLOR);
                if (photo.empty()) {
                    throw new IOException("cannot read sample photo " + photoPath + " (run models/fetch)");
                }
                double scale = Math.min((WIDTH - 40) / (double) photo.cols(), (HEIGHT - 40) / (double) photo.rows());
                Mat fitted = new Mat();
                Imgproc.resize(
                        photo,
                        fitted,
                        new Size(Math.round(photo.cols() * scale), Math.round(photo.rows() * scale)),
                        0,
                        0,
                        Imgproc.INTER_AREA);
                int x = (WIDTH - fitted.cols()) / 2;
                int y = (HEIGHT - fitted.rows()) / 2;
                fitted.copyTo(canvas.submat(new Rect(x, y, fitted.cols(), fitted.rows())));
                fitted.release();
                photo.release();
            }
            if (!Imgcodecs.imwrite(target.toString(), canvas)) {
                throw new IOException("cannot write " + target);
            }
        } finally {
            canvas.release();
        }
    }

    private DemoScenario() {}
}
