package io.storesight.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.storesight.camera.service.Ffmpeg;

/**
 * Test media made from the sample photos with camera-ingest's ffmpeg ({@link Ffmpeg}): single-person portraits cropped
 * out of the group photos, and camera videos in which those people appear and disappear at known seconds on a plain
 * background.
 */
final class ScenarioMedia {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int SOURCE_FPS = 10;
    static final int PERSON_HEIGHT = 420;

    /** A face cut out of a sample photo: the crop holds exactly one face (checked through face-inference). */
    record Person(String name, String sample, int x, int y, int width, int height) {}

    /** Three people who look nothing alike (different hair, skin, photo), so matching is not a coin toss. */
    static final Person DARK_HAIR = new Person("p1", "sample3.jpg", 1420, 170, 400, 500);

    static final Person BLACK_HAIR = new Person("p2", "sample6.jpg", 580, 200, 400, 520);
    static final Person AUBURN = new Person("p3", "sample5.jpg", 280, 760, 400, 500);

    /** A person in view from {@code from} to {@code to} seconds of the video. */
    record Appearance(Person person, double from, double to) {}

    private ScenarioMedia() {}

    /** The person's portrait as a JPEG, scaled to {@link #PERSON_HEIGHT}. */
    static Path portrait(Path root, Path dir, Person person) {
        Path out = dir.resolve(person.name() + ".jpg");
        if (!Files.exists(out)) {
            ffmpeg(
                    dir,
                    List.of(
                            "-i",
                            root.resolve("models/samples")
                                    .resolve(person.sample())
                                    .toString(),
                            "-vf",
                            String.format(
                                    Locale.ROOT,
                                    "crop=%d:%d:%d:%d,scale=-2:%d",
                                    person.width(),
                                    person.height(),
                                    person.x(),
                                    person.y(),
                                    PERSON_HEIGHT),
                            "-q:v",
                            "2",
                            out.toString()));
        }
        return out;
    }

    /** One camera frame (JPEG) with the person in the middle, as the camera would publish it. */
    static Path frame(Path root, Path dir, Person person) {
        Path out = dir.resolve(person.name() + "-frame.jpg");
        if (!Files.exists(out)) {
            Path portrait = portrait(root, dir, person);
            ffmpeg(
                    dir,
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            background(1),
                            "-i",
                            portrait.toString(),
                            "-filter_complex",
                            "[0][1]overlay=x=(W-w)/2:y=(H-h)/2",
                            "-frames:v",
                            "1",
                            "-q:v",
                            "2",
                            out.toString()));
        }
        return out;
    }

    /**
     * An MP4 of {@code seconds} at {@link #SOURCE_FPS} fps: an empty scene where each appearance shows its person
     * centred between its times (a person may appear several times; never two at once in these scenarios). MPEG-4
     * part 2 at high quality: built into the packaged LGPL ffmpeg, which has no libx264.
     */
    static Path video(Path root, Path dir, String name, double seconds, List<Appearance> appearances) {
        Path out = dir.resolve(name + ".mp4");
        List<Person> people =
                appearances.stream().map(Appearance::person).distinct().toList();
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", background(seconds)));
        for (Person person : people) {
            args.addAll(List.of(
                    "-loop",
                    "1",
                    "-framerate",
                    Integer.toString(SOURCE_FPS),
                    "-i",
                    portrait(root, dir, person).toString()));
        }
        StringBuilder graph = new StringBuilder();
        String last = "0:v";
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            String when = appearances.stream()
                    .filter(a -> a.person().equals(person))
                    .map(a -> String.format(Locale.ROOT, "between(t,%.2f,%.2f)", a.from(), a.to()))
                    .collect(Collectors.joining("+"));
            String next = "v" + i;
            graph.append(String.format(
                    Locale.ROOT, "[%s][%d:v]overlay=x=(W-w)/2:y=(H-h)/2:enable='%s'[%s];", last, i + 1, when, next));
            last = next;
        }
        args.add("-filter_complex");
        args.add(
                people.isEmpty()
                        ? "[0:v]null[out]"
                        : graph.append("[").append(last).append("]null[out]").toString());
        args.addAll(List.of(
                "-map",
                "[out]",
                "-t",
                String.format(Locale.ROOT, "%.2f", seconds),
                "-r",
                Integer.toString(SOURCE_FPS),
                "-c:v",
                "mpeg4",
                "-q:v",
                "2",
                "-pix_fmt",
                "yuv420p",
                out.toString()));
        ffmpeg(dir, args);
        return out;
    }

    /** A photo in a camera frame, its centre at {@code centreX} (0..1 of the width), scaled to {@code height}. */
    record Placed(Path photo, double centreX, int height) {}

    /** What the camera sees for a while: a frame (an image file) shown for {@code seconds}. */
    record Shot(Path frame, double seconds) {}

    /** One camera frame (PNG) of the empty scene with the photos placed in it. */
    static Path still(Path dir, String name, List<Placed> photos) {
        Path out = dir.resolve(name + ".png");
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", background(1)));
        StringBuilder graph = new StringBuilder();
        String last = "0:v";
        for (int i = 0; i < photos.size(); i++) {
            Placed p = photos.get(i);
            args.addAll(List.of("-i", p.photo().toString()));
            graph.append(String.format(
                    Locale.ROOT,
                    "[%d:v]scale=-2:%d[s%d];[%s][s%d]overlay=x=W*%.3f-w/2:" + "y=(H-h)/2[v%d];",
                    i + 1,
                    p.height(),
                    i,
                    last,
                    i,
                    p.centreX(),
                    i));
            last = "v" + i;
        }
        args.add("-filter_complex");
        args.add(
                photos.isEmpty()
                        ? "[0:v]null[out]"
                        : graph.append("[").append(last).append("]null[out]").toString());
        args.addAll(List.of("-map", "[out]", "-frames:v", "1", out.toString()));
        ffmpeg(dir, args);
        return out;
    }

    /** A video of the shots one after another, at {@link #SOURCE_FPS} fps. */
    static Path slideshow(Path dir, String name, List<Shot> shots) {
        Path list = dir.resolve(name + ".txt");
        StringBuilder concat = new StringBuilder();
        for (Shot shot : shots) {
            concat.append("file '")
                    .append(shot.frame().getFileName())
                    .append("'\n")
                    .append(String.format(Locale.ROOT, "duration %.3f\n", shot.seconds()));
        }
        // the concat demuxer takes the last file's duration only when the file is listed once more
        concat.append("file '")
                .append(shots.get(shots.size() - 1).frame().getFileName())
                .append("'\n");
        try {
            Files.writeString(list, concat.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = dir.resolve(name + ".mp4");
        ffmpeg(
                dir,
                List.of(
                        "-f",
                        "concat",
                        "-safe",
                        "0",
                        "-i",
                        list.toString(),
                        "-vf",
                        "fps=" + SOURCE_FPS + ",format=yuv420p",
                        "-c:v",
                        "mpeg4",
                        "-q:v",
                        "2",
                        out.toString()));
        return out;
    }

    private static String background(double seconds) {
        return String.format(Locale.ROOT, "color=c=0x4a4f5a:s=%dx%d:r=%d:d=%.2f", WIDTH, HEIGHT, SOURCE_FPS, seconds);
    }

    private static void ffmpeg(Path dir, List<String> args) {
        try {
            Files.createDirectories(dir);
            Ffmpeg.run(Ffmpeg.locate(), args, 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
