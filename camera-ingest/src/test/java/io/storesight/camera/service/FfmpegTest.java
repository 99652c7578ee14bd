package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FfmpegTest {

    /**
     * The packaged ffmpeg's libraries need libva, which Debian installs only with libva2: the machine this runs on
     * need not have it, the packaged copy beside the libraries must be found.
     */
    @Test
    void thePackagedFfmpegRunsWithOnlyWhatItIsPackagedWith() {
        String packaged = Ffmpeg.bundled();
        assertThat(Path.of(packaged).resolveSibling("libva.so.2")).exists();
        assertThat(Ffmpeg.problem(Optional.empty())).isEmpty();
        assertThat(Ffmpeg.hasOption(packaged, "readrate_initial_burst")).isTrue();
    }

    @Test
    void onlyThePackagedFfmpegGetsItsDirectoryOnTheLibraryPath() {
        String packaged = Ffmpeg.bundled();
        assertThat(Ffmpeg.processBuilder(List.of(packaged, "-version"))
                        .environment()
                        .get("LD_LIBRARY_PATH"))
                .startsWith(Path.of(packaged).getParent().toString());
        String system = "/usr/bin/ffmpeg";
        assertThat(Ffmpeg.processBuilder(List.of(system, "-version"))
                        .environment()
                        .get("LD_LIBRARY_PATH"))
                .isEqualTo(System.getenv("LD_LIBRARY_PATH"));
        assertThat(Files.isExecutable(Path.of(packaged))).isTrue();
    }
}
