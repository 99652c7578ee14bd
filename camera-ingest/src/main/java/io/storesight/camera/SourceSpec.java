package io.storesight.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A camera source as written in config or the API, classified into what decodes it:
 * <ul>
 * <li>{@code rtsp://}, {@code rtsps://}, {@code http://}, {@code https://} → a network stream (ffmpeg);</li>
 * <li>a device index ({@code 0}), {@code /dev/video0} or {@code v4l2:/dev/video0} → a V4L2 webcam (ffmpeg);</li>
 * <li>{@code file:/path} or a path to a file → a video file (ffmpeg, optionally looped);</li>
 * <li>a path to a directory (or {@code file:} URI of one) → an image folder played in name order.</li>
 * </ul>
 * Files and folders must be inside the {@link MediaRoots}; anything else (other schemes such as {@code concat:} or
 * {@code data:}, other devices) is refused.
 */
public record SourceSpec(Kind kind, String location) {

    public enum Kind {
        STREAM,
        V4L2,
        FILE,
        IMAGE_FOLDER
    }

    private static final Set<String> STREAM_SCHEMES = Set.of("rtsp", "rtsps", "http", "https");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern CREDENTIALS = Pattern.compile("(://[^/@:]+:)[^/@]*@");
    private static final Pattern WEBCAM = Pattern.compile("/dev/video\\d{1,3}");

    /**
     * Parses and checks a source. Paths must exist (a typo should fail when the camera is added, not later as an
     * endless reconnect loop) and lie inside {@code roots}; network streams are only checked for syntax.
     */
    public static SourceSpec parse(String source, MediaRoots roots) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is required");
        }
        String value = source.trim();
        if (value.matches("\\d{1,3}")) {
            return webcam("/dev/video" + Integer.parseInt(value));
        }
        var matcher = SCHEME.matcher(value);
        if (matcher.find() && matcher.group(1).length() > 1) {
            String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
            if (STREAM_SCHEMES.contains(scheme)) {
                try {
                    URI uri = new URI(value);
                    if (uri.getHost() == null || uri.getHost().isBlank()) {
                        throw new IllegalArgumentException("source URL has no host: " + mask(value));
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("source is not a valid URL: " + mask(value));
                }
                return new SourceSpec(Kind.STREAM, value);
            }
            if (scheme.equals("v4l2")) {
                return webcam(value.substring("v4l2:".length()));
            }
            if (scheme.equals("file")) {
                Path path;
                try {
                    path = Path.of(new URI(value));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("source is not a valid file URI: " + value);
                }
                return local(path, roots);
            }
            throw new IllegalArgumentException("unsupported source scheme '" + scheme
                    + "': use rtsp://, rtsps://, http://, https://, file:, a file or folder path, or a V4L2 device");
        }
        if (value.startsWith("/dev/")) {
            return webcam(value);
        }
        return local(Path.of(value), roots);
    }

    private static SourceSpec webcam(String device) {
        if (!WEBCAM.matcher(device).matches()) {
            throw new IllegalArgumentException("a webcam must be /dev/video<N> (got " + device + ")");
        }
        if (!Files.exists(Path.of(device))) {
            throw new IllegalArgumentException("V4L2 device " + device + " does not exist");
        }
        return new SourceSpec(Kind.V4L2, device);
    }

    private static SourceSpec local(Path path, MediaRoots roots) {
        Path real = roots.inside(path);
        if (Files.isDirectory(real)) {
            return new SourceSpec(Kind.IMAGE_FOLDER, real.toString());
        }
        if (Files.isRegularFile(real)) {
            return new SourceSpec(Kind.FILE, real.toString());
        }
        throw new IllegalArgumentException("source " + path + " is neither a video file nor a folder");
    }

    public boolean isLocalMedia() {
        return kind == Kind.FILE || kind == Kind.IMAGE_FOLDER;
    }

    /** The source for logs and API answers: a password in a stream URL is replaced by {@code ***}. */
    public static String mask(String source) {
        return source == null ? null : CREDENTIALS.matcher(source).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return kind + " " + mask(location);
    }
}
