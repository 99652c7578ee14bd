package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.storesight.camera.CameraRole;
import io.storesight.camera.CameraSettings;
import io.storesight.camera.MediaRoots;
import io.storesight.camera.SourceSpec;
import io.storesight.camera.TestMedia;

/**
 * The protocol whitelist each source kind passes ffmpeg, with the real ffmpeg: a playlist from the network plays
 * from the network, but one that names a local file (a real video segment, so that nothing but the whitelist stands
 * in the way) is refused; a playlist or concat script as a "video file" is refused too, since it could name any file.
 */
class SourceWhitelistTest {
    private static HttpServer server;
    private static Path hls;
    private static String base;

    @BeforeAll
    static void serveThePlaylists() throws Exception {
        hls = TestMedia.hls();
        List<String> segments;
        try (var files = Files.list(hls)) {
            segments = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".ts"))
                    .sorted()
                    .toList();
        }
        String remote = Files.readString(hls.resolve("clip.m3u8"));
        // The same playlist with each segment as a file: URL of the very segment the remote one plays.
        String local = remote.lines()
                .map(line -> segments.contains(line) ? hls.resolve(line).toUri().toString() : line)
                .collect(Collectors.joining("\n", "", "\n"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = name.equals("local.m3u8")
                    ? local.getBytes(StandardCharsets.UTF_8)
                    : name.matches("[\\w.-]+") && Files.isRegularFile(hls.resolve(name))
                            ? Files.readAllBytes(hls.resolve(name))
                            : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aNetworkPlaylistPlaysFromTheNetwork() throws Exception {
        assertThat(frames(base + "clip.m3u8")).isGreaterThan(10);
    }

    @Test
    void aNetworkPlaylistThatNamesALocalFileIsRefused() {
        assertThatThrownBy(() -> frames(base + "local.m3u8")).hasMessageContaining("Protocol 'file' not on whitelist");
    }

    @Test
    void aPlaylistOrConcatScriptIsNotAVideoFile() throws Exception {
        Path script = hls.resolve("files.ffconcat");
        Files.writeString(script, "ffconcat version 1.0\nfile " + TestMedia.h264Mp4() + "\n");
        for (Path notAVideo : List.of(hls.resolve("clip.m3u8"), script)) {
            assertThatThrownBy(() -> frames(notAVideo.toString()))
                    .as(notAVideo.toString())
                    .hasMessageContaining("not on whitelist");
        }
    }

    /** Frames decoded from a source until it ends. */
    private static int frames(String source) throws IOException {
        SourceSpec spec = SourceSpec.parse(source, new MediaRoots(List.of(TestMedia.DIR)));
        CameraSettings settings = new CameraSettings(
                "whitelist",
                "whitelist",
                "store-1",
                CameraRole.OTHER,
                source,
                5,
                320,
                85,
                false,
                0.5,
                false,
                null,
                false,
                "api");
        int frames = 0;
        try (FfmpegSource ffmpeg =
                new FfmpegSource(Ffmpeg.locate(), "whitelist", spec, settings, Duration.ofSeconds(20))) {
            while (ffmpeg.next() != null) {
                frames++;
            }
        }
        return frames;
    }
}
