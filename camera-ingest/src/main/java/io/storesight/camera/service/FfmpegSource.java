package io.storesight.camera.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.storesight.camera.CameraSettings;
import io.storesight.camera.SourceSpec;

/**
 * Decodes a stream, device or video file in a supervised {@code ffmpeg} child process that writes raw BGR frames to
 * its stdout. A decoder crash or hang kills only that process; the frame size and rate are read from ffmpeg's own
 * description of its output stream on stderr, whose last lines also become the error message when it fails.
 */
public final class FfmpegSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(FfmpegSource.class);
    private static final Pattern OUTPUT_VIDEO =
            Pattern.compile("Stream #0:0.*Video: rawvideo.*?, (\\d{2,5})x(\\d{2,5})");
    private static final Pattern FPS = Pattern.compile("([\\d.]+) fps");
    private static final int ERROR_LINES = 3;
    /** How far a file's clock may fall behind the wall clock before it jumps (well inside the 10 s frame age). */
    private static final long MAX_LAG_NANOS = 2_000_000_000L;

    private record StreamInfo(int width, int height, double fps) {}

    private final String cameraId;
    private final SourceSpec spec;
    private final Process process;
    private final InputStream frames;
    private final Thread stderrReader;
    private final CompletableFuture<StreamInfo> info = new CompletableFuture<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    /** A refused protocol or format: the reason, which ffmpeg follows with several lines that only say "failed". */
    private volatile String refusal;

    private final Duration connectTimeout;
    private final boolean mediaClock;
    private volatile boolean closed;
    private byte[] buffer;
    private long frameIndex;
    private long anchorNanos;
    private Instant anchorInstant;

    public FfmpegSource(
            String ffmpeg, String cameraId, SourceSpec spec, CameraSettings settings, Duration connectTimeout)
            throws IOException {
        this.cameraId = cameraId;
        this.spec = spec;
        this.connectTimeout = connectTimeout;
        this.mediaClock = spec.kind() == SourceSpec.Kind.FILE;
        List<String> command = command(ffmpeg, spec, settings);
        // A file's clock starts when ffmpeg does: -re paces frame i at i / fps after its start, and a frame comes out
        // no earlier than that, so capture times counted from here are never in the future and stay evenly spaced
        // (counted from the first frame out, ffmpeg's start-up delay would put the frames after it ahead).
        anchorNanos = System.nanoTime();
        anchorInstant = Instant.now();
        try {
            this.process = Ffmpeg.processBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IOException("cannot start ffmpeg ('" + ffmpeg + "'): " + e.getMessage(), e);
        }
        this.frames = process.getInputStream();
        this.stderrReader = new Thread(this::readStderr, "cam-" + cameraId + "-ffmpeg-log");
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /**
     * The only protocols each kind of source may open: whatever a source refers to (HLS segments, a concat list, a
     * redirect) stays within them, so a playlist from the network cannot make ffmpeg read a local file.
     */
    static final String STREAM_PROTOCOLS_RTSP = "rtsp,rtsps,rtp,tcp,udp,tls";

    static final String STREAM_PROTOCOLS_HTTP = "http,https,tcp,tls,crypto";
    static final String LOCAL_PROTOCOLS = "file";
    /** Video containers a file source may be; not playlists or concat scripts, which could name other files. */
    static final String FILE_FORMATS = "mov,matroska,avi,mpegts,flv,h264,hevc,mjpeg,mpeg,asf";

    /** The ffmpeg command line for a source: input options by kind, then a no-upscale fit into the long side. */
    public static List<String> command(String ffmpeg, SourceSpec spec, CameraSettings settings) {
        List<String> cmd =
                new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info"));
        switch (spec.kind()) {
            case STREAM -> {
                String scheme = spec.location()
                        .substring(0, spec.location().indexOf(':'))
                        .toLowerCase(Locale.ROOT);
                // A live view should start in about a second, not after ffmpeg's default 5 s of stream analysis.
                cmd.addAll(List.of("-analyzeduration", "1000000"));
                if (scheme.startsWith("rtsp")) {
                    // TCP survives lossy store Wi-Fi better than UDP; the timeout (µs) turns a dead camera into an
                    // error.
                    // No buffering of what the analysis read: only here, as it drops the whole first segment of HLS.
                    cmd.addAll(List.of(
                            "-fflags",
                            "nobuffer",
                            "-protocol_whitelist",
                            STREAM_PROTOCOLS_RTSP,
                            "-rtsp_transport",
                            "tcp",
                            "-timeout",
                            "10000000"));
                } else {
                    cmd.addAll(List.of("-protocol_whitelist", STREAM_PROTOCOLS_HTTP, "-rw_timeout", "10000000"));
                }
            }
            case V4L2 -> cmd.addAll(List.of("-protocol_whitelist", LOCAL_PROTOCOLS, "-f", "v4l2"));
            case FILE -> {
                cmd.addAll(List.of("-protocol_whitelist", LOCAL_PROTOCOLS, "-format_whitelist", FILE_FORMATS));
                // Real-time pacing makes a file behave like a camera (the demo and tests rely on it). Newer ffmpeg
                // paces less strictly by default: it sends the first half second at once (6.1+), and after that slow
                // start it "catches up" 5 % fast for as long as it plays (7.1+), ahead of the wall clock for good.
                cmd.add("-re");
                if (Ffmpeg.hasOption(ffmpeg, "readrate_initial_burst")) {
                    cmd.addAll(List.of("-readrate_initial_burst", "0"));
                }
                if (Ffmpeg.hasOption(ffmpeg, "readrate_catchup")) {
                    cmd.addAll(List.of("-readrate_catchup", "1"));
                }
                if (settings.loop()) {
                    cmd.addAll(List.of("-stream_loop", "-1"));
                }
            }
            case IMAGE_FOLDER -> throw new IllegalArgumentException("image folders are not read through ffmpeg");
        }
        int side = settings.maxLongSide();
        cmd.addAll(List.of(
                "-i",
                spec.location(),
                "-map",
                "0:v:0",
                "-an",
                "-sn",
                "-dn",
                "-vf",
                "scale=w='min(iw," + side + ")':h='min(ih," + side + ")':force_original_aspect_ratio=decrease",
                "-pix_fmt",
                "bgr24",
                "-f",
                "rawvideo",
                "pipe:1"));
        return cmd;
    }

    @Override
    public CapturedFrame next() throws IOException {
        StreamInfo stream = streamInfo();
        int size = stream.width() * stream.height() * 3;
        if (buffer == null || buffer.length != size) {
            buffer = new byte[size];
        }
        int read = frames.readNBytes(buffer, 0, size);
        if (read < size) {
            return endOfStream(read);
        }
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        long timeline;
        Instant capture;
        if (mediaClock && stream.fps() > 0) {
            long offset = (long) (frameIndex * 1_000_000_000d / stream.fps());
            // A frame is not captured after it is read, should an ffmpeg read faster than real time after all. And as
            // ffmpeg, told not to catch up, stays behind after every stall (a busy core, a loop's restart), the
            // clock jumps to the wall clock once it is MAX_LAG behind, so a demo running for days never drifts
            // toward face-inference's maximum frame age.
            long lag = nowNanos - (anchorNanos + offset);
            if (lag < 0 || lag > MAX_LAG_NANOS) {
                anchorNanos = nowNanos - offset;
                anchorInstant = now.minusNanos(offset);
            }
            timeline = anchorNanos + offset;
            capture = anchorInstant.plusNanos(offset);
        } else {
            timeline = nowNanos;
            capture = now;
        }
        frameIndex++;
        byte[] pixels = buffer;
        int width = stream.width();
        int height = stream.height();
        return new CapturedFrame(timeline, capture, () -> {
            Mat mat = new Mat(height, width, CvType.CV_8UC3);
            mat.put(0, 0, pixels);
            return mat;
        });
    }

    private StreamInfo streamInfo() throws IOException {
        try {
            return info.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no video from " + spec + " within " + connectTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting");
        }
    }

    private CapturedFrame endOfStream(int partial) throws IOException {
        if (closed) {
            throw new IOException("source closed");
        }
        int exit;
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                throw new IOException("ffmpeg closed its output but did not exit");
            }
            exit = process.exitValue();
            // The last stderr lines carry the reason; let the reader catch up before quoting them.
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (exit != 0) {
            throw new IOException("ffmpeg exited with code " + exit + ": " + errorSummary());
        }
        if (partial > 0) {
            LOG.debugf("camera %s: ignoring a truncated last frame (%d bytes)", cameraId, partial);
        }
        return null;
    }

    private void readStderr() {
        boolean inOutput = false;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (refusal == null && line.contains("not on whitelist")) {
                    refusal = SourceSpec.mask(line.trim());
                }
                synchronized (stderrTail) {
                    stderrTail.addLast(SourceSpec.mask(line.trim()));
                    if (stderrTail.size() > ERROR_LINES) {
                        stderrTail.removeFirst();
                    }
                }
                if (line.startsWith("Output #0")) {
                    inOutput = true;
                } else if (inOutput && !info.isDone()) {
                    Matcher video = OUTPUT_VIDEO.matcher(line);
                    if (video.find()) {
                        Matcher fps = FPS.matcher(line);
                        info.complete(new StreamInfo(
                                Integer.parseInt(video.group(1)),
                                Integer.parseInt(video.group(2)),
                                fps.find() ? Double.parseDouble(fps.group(1)) : 0));
                    }
                }
                LOG.tracef("camera %s ffmpeg: %s", cameraId, line);
            }
        } catch (IOException e) {
            // The process is gone; its exit code tells the rest.
        } finally {
            info.completeExceptionally(new IOException(
                    closed ? "source closed" : "ffmpeg could not open " + spec + ": " + errorSummary()));
        }
    }

    private String errorSummary() {
        synchronized (stderrTail) {
            String tail = stderrTail.isEmpty() ? "no output" : String.join(" | ", stderrTail);
            return refusal == null || stderrTail.contains(refusal) ? tail : refusal + " | " + tail;
        }
    }

    @Override
    public void close() {
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            frames.close();
        } catch (IOException e) {
            // Already closed by the process exit.
        }
    }

    /** For the benchmark: the ffmpeg child's pid, to account its CPU time. */
    public long pid() {
        return process.pid();
    }
}
