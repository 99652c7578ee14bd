package io.storesight.camera.service;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * The one place that says which ffmpeg runs: a system ffmpeg when one is configured ({@code storesight.ingest.ffmpeg},
 * env {@code STORESIGHT_INGEST_FFMPEG}), else the LGPL build that {@code org.bytedeco:ffmpeg} packages for this
 * platform, extracted once into JavaCPP's cache ({@code ~/.javacpp/cache}, or {@code -Dorg.bytedeco.javacpp.cachedir}).
 * The service, the demo rendering, the tests that make media and {@code ./storesight}'s preflight all ask here.
 */
public final class Ffmpeg {
    /** The environment variable naming a system ffmpeg (Quarkus reads it as {@code storesight.ingest.ffmpeg}). */
    public static final String ENV = "STORESIGHT_INGEST_FFMPEG";

    private static final String PROPERTY = "storesight.ingest.ffmpeg";

    private static volatile String bundled;

    /** Per ffmpeg executable, its {@code -h long} text: which options this version has. */
    private static final Map<String, String> OPTIONS = new ConcurrentHashMap<>();

    /** The configured ffmpeg, else the bundled one. */
    public static String locate(Optional<String> configured) {
        return configured.filter(value -> !value.isBlank()).map(String::strip).orElseGet(Ffmpeg::bundled);
    }

    /** For code without the service's config (tests, tools): the system property, else the environment. */
    public static String locate() {
        String configured = System.getProperty(PROPERTY);
        return locate(Optional.ofNullable(configured != null ? configured : System.getenv(ENV)));
    }

    /**
     * Extracts the platform jar's {@code ffmpeg} with the shared libraries beside it (the executable finds them
     * through its {@code $ORIGIN} run path). Not {@code Loader.load(ffmpeg.class)}: that also loads every FFmpeg JNI
     * library into this JVM (about 38 MB of resident memory and a second of start-up) for an executable that runs in
     * its own process.
     */
    public static synchronized String bundled() {
        if (bundled == null) {
            String platform = Loader.getPlatform();
            File[] dirs;
            try {
                dirs = Loader.cacheResources(
                        org.bytedeco.ffmpeg.ffmpeg.class, "/org/bytedeco/ffmpeg/" + platform + "/");
            } catch (IOException e) {
                throw new IllegalStateException("cannot extract the bundled ffmpeg: " + e.getMessage(), e);
            }
            String name = platform.startsWith("windows") ? "ffmpeg.exe" : "ffmpeg";
            Path executable =
                    dirs == null || dirs.length == 0 ? null : dirs[0].toPath().resolve(name);
            if (executable == null || !Files.isRegularFile(executable)) {
                throw new IllegalStateException("no ffmpeg is packaged for platform " + platform + ": add the "
                        + "org.bytedeco:ffmpeg and javacpp jars with classifier " + platform
                        + " (camera-ingest/pom.xml) "
                        + "or set " + ENV + " to a system ffmpeg");
            }
            if (!Files.isExecutable(executable) && !executable.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + executable + " executable");
            }
            bundled = executable.toString();
        }
        return bundled;
    }

    /**
     * A process for {@code command}, whose first element is the ffmpeg to run. The packaged ffmpeg gets its own
     * directory on {@code LD_LIBRARY_PATH}: its executable finds the libraries beside it through its {@code $ORIGIN}
     * run path, but a run path does not reach their own dependencies (libavutil needs libva, packaged beside it too),
     * which a machine without libva2 installed would otherwise not find. A system ffmpeg runs as it is.
     */
    public static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        String packaged = bundled;
        if (packaged != null && packaged.equals(command.get(0))) {
            String dir = Path.of(packaged).getParent().toString();
            String inherited = builder.environment().get("LD_LIBRARY_PATH");
            builder.environment()
                    .put(
                            "LD_LIBRARY_PATH",
                            inherited == null || inherited.isEmpty() ? dir : dir + File.pathSeparator + inherited);
        }
        return builder;
    }

    /**
     * Runs ffmpeg with {@code args} (quiet, overwriting outputs) and waits; a non-zero exit throws with its output.
     * For making media: the demo videos and test clips.
     */
    public static void run(String ffmpeg, List<String> args, long timeoutMinutes) throws IOException {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(args);
        Process process = processBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("ffmpeg failed: " + output.strip() + " (" + String.join(" ", command) + ")");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ffmpeg");
        }
    }

    /**
     * Whether this ffmpeg has the main option {@code name} (without its dash): a configured system ffmpeg may be
     * older than the packaged one. Asked once per executable; an ffmpeg that cannot say has none.
     */
    public static boolean hasOption(String ffmpeg, String name) {
        String help = OPTIONS.computeIfAbsent(ffmpeg, executable -> {
            try {
                Process process = processBuilder(List.of(executable, "-hide_banner", "-h", "long"))
                        .redirectErrorStream(true)
                        .start();
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return process.waitFor(1, TimeUnit.MINUTES) ? text : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        });
        return help.contains("\n-" + name + " ");
    }

    /** Whether ffmpeg starts and answers {@code -version}; the reason when not. */
    public static Optional<String> problem(Optional<String> configured) {
        String ffmpeg;
        try {
            ffmpeg = locate(configured);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        try {
            run(ffmpeg, List.of("-version"), 1);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("'" + ffmpeg + "' cannot be run: " + e.getMessage());
        }
    }

    /**
     * {@code java -cp <camera-ingest classpath> io.storesight.camera.service.Ffmpeg}: prints the ffmpeg that
     * camera-ingest will use and exits 0 when it runs, else prints why and exits 1 (the launcher's preflight).
     */
    public static void main(String[] args) {
        Optional<String> configured = Optional.ofNullable(System.getenv(ENV));
        Optional<String> problem = problem(configured);
        if (problem.isPresent()) {
            System.out.println(problem.get());
            System.exit(1);
        }
        System.out.println(locate(configured));
    }

    private Ffmpeg() {}
}
