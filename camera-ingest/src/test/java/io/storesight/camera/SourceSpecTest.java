package io.storesight.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSpecTest {

    @Test
    void classifiesSources(@TempDir Path dir) throws Exception {
        Path video = Files.createFile(dir.resolve("clip.mp4"));
        assertThat(SourceSpec.parse("rtsp://cam.local:554/s1").kind()).isEqualTo(SourceSpec.Kind.STREAM);
        assertThat(SourceSpec.parse("https://cam.local/video.mjpg").kind()).isEqualTo(SourceSpec.Kind.STREAM);
        assertThat(SourceSpec.parse(video.toString())).isEqualTo(new SourceSpec(SourceSpec.Kind.FILE,
                video.toString()));
        assertThat(SourceSpec.parse(video.toUri().toString()).kind()).isEqualTo(SourceSpec.Kind.FILE);
        assertThat(SourceSpec.parse(dir.toString()).kind()).isEqualTo(SourceSpec.Kind.IMAGE_FOLDER);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> SourceSpec.parse("ftp://cam/x")).hasMessageContaining("unsupported source scheme");
        assertThatThrownBy(() -> SourceSpec.parse("rtsp:///nohost")).hasMessageContaining("no host");
        assertThatThrownBy(() -> SourceSpec.parse("/no/such/file.mp4")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SourceSpec.parse("7")).hasMessageContaining("/dev/video7");
        assertThatThrownBy(() -> SourceSpec.parse(" ")).hasMessageContaining("required");
    }

    @Test
    void masksPasswords() {
        assertThat(SourceSpec.mask("rtsp://admin:p%40ss@10.0.0.2:554/s1")).isEqualTo("rtsp://admin:***@10.0.0.2:554/s1");
        assertThat(SourceSpec.mask("rtsp://10.0.0.2/s1")).isEqualTo("rtsp://10.0.0.2/s1");
    }
}
