package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;

import io.storesight.camera.CameraRole;
import io.storesight.camera.CameraSettings;
import io.storesight.camera.MediaRoots;
import io.storesight.camera.SourceSpec;
import io.storesight.camera.TestMedia;
import io.storesight.camera.service.DemoScenario.Scene;

class DemoScenarioTest {
    /** identity-service ends a visit after 10 s without a sighting. */
    private static final int ABSENCE_THRESHOLD_S = 10;

    @Test
    void demoStoriesLetPeopleLeaveAndComeBack() {
        for (List<Scene> story : List.of(DemoScenario.ENTRANCE, DemoScenario.COUNTER)) {
            assertThat(story.stream().mapToInt(Scene::seconds).sum()).isEqualTo(120);
            // Every absence between two appearances, and across the loop, outlasts the absence threshold.
            int n = story.size();
            for (int i = 0; i < n; i++) {
                if (story.get(i).sample() == 0) {
                    int gap = story.get(i).seconds();
                    if (i == n - 1 && story.get(0).sample() == 0) {
                        gap += story.get(0).seconds();
                    }
                    if (i != 0) {
                        assertThat(gap).isGreaterThan(ABSENCE_THRESHOLD_S);
                    }
                }
            }
            // Somebody comes back.
            List<Integer> people =
                    story.stream().map(Scene::sample).filter(s -> s > 0).toList();
            assertThat(people)
                    .hasSizeGreaterThan((int) people.stream().distinct().count());
        }
    }

    @Test
    void rendersAVideoWhereAPersonAppearsAndDisappears(@TempDir Path dir) throws Exception {
        Frames.loadOpenCv();
        Path video = DemoScenario.render(
                Ffmpeg.locate(),
                TestMedia.models(),
                List.of(new Scene(0, 1), new Scene(1, 1), new Scene(0, 1)),
                5,
                dir.resolve("story.mp4"));
        assertThat(Files.size(video)).isPositive();
        CameraSettings settings = new CameraSettings(
                "demo",
                "demo",
                "store-1",
                CameraRole.ENTRANCE,
                video.toString(),
                5,
                1280,
                85,
                false,
                0.5,
                false,
                null,
                false,
                "demo");
        List<Double> spread = new ArrayList<>();
        SourceSpec spec = SourceSpec.parse(video.toString(), new MediaRoots(List.of(dir)));
        try (FfmpegSource source = new FfmpegSource(Ffmpeg.locate(), "demo", spec, settings, Duration.ofSeconds(15))) {
            CapturedFrame frame;
            while ((frame = source.next()) != null) {
                Mat image = frame.image().get();
                assertThat(image.cols()).isEqualTo(DemoScenario.WIDTH);
                MatOfDouble mean = new MatOfDouble();
                MatOfDouble deviation = new MatOfDouble();
                Core.meanStdDev(image, mean, deviation);
                spread.add(deviation.toArray()[0]);
                image.release();
            }
        }
        assertThat(spread).hasSize(15);
        // An empty shop is two flat greys; a photo of people is anything but.
        assertThat(spread.get(2)).isLessThan(20);
        assertThat(spread.get(7)).isGreaterThan(30);
        assertThat(spread.get(12)).isLessThan(20);
    }
}
