package io.storesight.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSpecTest {
    @TempDir
    Path root;

    private MediaRoots roots() {
        return new MediaRoots(List.of(root));
    }

    @Test
    void classifiesSources() throws Exception {
        Path video = Files.createFile(root.resolve("clip.mp4"));
        Path real = video.toRealPath();
        assertThat(SourceSpec.parse("rtsp://cam.local:554/s1", roots()).kind()).isEqualTo(SourceSpec.Kind.STREAM);
        assertThat(SourceSpec.parse("https://cam.local/video.mjpg", roots()).kind())
                .isEqualTo(SourceSpec.Kind.STREAM);
        assertThat(SourceSpec.parse(video.toString(), roots()))
                .isEqualTo(new SourceSpec(SourceSpec.Kind.FILE, real.toString()));
        assertThat(SourceSpec.parse(video.toUri().toString(), roots()).kind()).isEqualTo(SourceSpec.Kind.FILE);
        assertThat(SourceSpec.parse(root.toString(), roots()).kind()).isEqualTo(SourceSpec.Kind.IMAGE_FOLDER);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> SourceSpec.parse("ftp://cam/x", roots()))
                .hasMessageContaining("unsupported source scheme");
        assertThatThrownBy(() -> SourceSpec.parse("rtsp:///nohost", roots())).hasMessageContaining("no host");
        assertThatThrownBy(
                        () -> SourceSpec.parse(root.resolve("no-such-file.mp4").toString(), roots()))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SourceSpec.parse("7", roots())).hasMessageContaining("/dev/video7");
        assertThatThrownBy(() -> SourceSpec.parse(" ", roots())).hasMessageContaining("required");
    }

    @Test
    void aFileOutsideTheMediaRootsIsRefused() {
        assertThatThrownBy(() -> SourceSpec.parse("/etc/passwd", roots()))
                .hasMessageContaining("/etc/passwd is outside the media folders (" + root)
                .hasMessageContaining("storesight.ingest.media-roots");
        assertThatThrownBy(() -> SourceSpec.parse("file:///etc/passwd", roots()))
                .hasMessageContaining("outside the media folders");
        assertThatThrownBy(() -> SourceSpec.parse("/etc", roots())).hasMessageContaining("outside the media folders");
        assertThatThrownBy(() -> SourceSpec.parse("/etc/passwd", new MediaRoots(List.of())))
                .hasMessageContaining("none configured");
    }

    @Test
    void dotDotAndLinksDoNotLeadOutOfARoot() throws Exception {
        String up = root + "/..".repeat(root.getNameCount()) + "/etc/passwd";
        assertThatThrownBy(() -> SourceSpec.parse(up, roots())).hasMessageContaining("outside the media folders");
        Path inside = Files.createDirectories(root.resolve("videos"));
        assertThatThrownBy(() -> SourceSpec.parse(inside + "/../../../../../../../../etc/passwd", roots()))
                .hasMessageContaining("outside the media folders");
        Path link = Files.createSymbolicLink(root.resolve("innocent.mp4"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> SourceSpec.parse(link.toString(), roots()))
                .hasMessageContaining("outside the media folders");
        // Inside the root, .. is fine.
        Path video = Files.createFile(inside.resolve("clip.mp4"));
        assertThat(SourceSpec.parse(inside + "/../videos/clip.mp4", roots()).location())
                .isEqualTo(video.toRealPath().toString());
    }

    @Test
    void otherSchemesAndDevicesAreRefused() {
        assertThatThrownBy(() -> SourceSpec.parse("concat:/etc/passwd|/etc/shadow", roots()))
                .hasMessageContaining("unsupported source scheme 'concat'");
        assertThatThrownBy(() -> SourceSpec.parse("data:video/mp4;base64,AAAA", roots()))
                .hasMessageContaining("unsupported source scheme 'data'");
        assertThatThrownBy(() -> SourceSpec.parse("/dev/sda", roots()))
                .hasMessageContaining("a webcam must be /dev/video<N>");
        assertThatThrownBy(() -> SourceSpec.parse("v4l2:/dev/null", roots()))
                .hasMessageContaining("a webcam must be /dev/video<N>");
        assertThatThrownBy(() -> SourceSpec.parse("/dev/../etc/passwd", roots()))
                .hasMessageContaining("a webcam must be /dev/video<N>");
    }

    @Test
    void masksPasswords() {
        assertThat(SourceSpec.mask("rtsp://admin:p%40ss@10.0.0.2:554/s1"))
                .isEqualTo("rtsp://admin:***@10.0.0.2:554/s1");
        assertThat(SourceSpec.mask("rtsp://10.0.0.2/s1")).isEqualTo("rtsp://10.0.0.2/s1");
    }
}
