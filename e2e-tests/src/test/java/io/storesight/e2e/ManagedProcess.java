package io.storesight.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One child process of the stack (broker or service): started with its own environment, output appended to one log
 * file that survives restarts, killable hard (SIGKILL) or gently, with its descendants (camera-ingest's ffmpeg
 * decoders) so that nothing outlives the test.
 */
final class ManagedProcess {
    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path log;
    private Process process;
    private int starts;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.log = log;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.getParent());
            starts++;
            String shown = command.stream()
                    .map(arg -> arg.length() > 200 ? "<" + arg.length() + " chars>" : arg)
                    .collect(java.util.stream.Collectors.joining(" "));
            Files.writeString(
                    log,
                    "\n===== e2e: start #" + starts + " of " + name + ": " + shown + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit status once the process has ended; empty while it runs or before its start. */
    synchronized java.util.OptionalInt exitValue() {
        return process == null || process.isAlive()
                ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(process.exitValue());
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGKILL, like a power cut or the OOM killer: no shutdown hook, no flush, no commit. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        note("killed (SIGKILL) by the test");
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!waitFor(grace)) {
            note("did not stop within " + grace + "; killing it");
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory in MiB from /proc (Linux), or -1 when the process is gone. */
    synchronized long rssMiB() {
        if (!isAlive()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time the process has used so far (user + system, from /proc), zero when it is gone. */
    synchronized Duration cpuTime() {
        return process == null
                ? Duration.ZERO
                : process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** SmallRye Health logs every DOWN answer; the readiness polling would fill the tail with them. */
    private static final String HEALTH_REPORT = "SRHCK01001";

    /** The last lines of the log (without readiness-probe echoes), for failure messages. */
    String tail(int lines) {
        Deque<String> last = new ArrayDeque<>();
        try (var reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains(HEALTH_REPORT)) {
                    continue;
                }
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }

    boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Polls until the condition holds; fails with the log's tail when the process exits or the time runs out, so
     * that a service that cannot start says why.
     */
    void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!isAlive()) {
                throw new AssertionError(name + " exited while waiting for " + what + "; log tail:\n" + tail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not " + what + " within " + timeout + "; log tail:\n" + tail(60));
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private void note(String text) {
        try {
            Files.writeString(
                    log,
                    "\n===== e2e: " + name + " " + text + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The log note is a courtesy for whoever reads the log; the kill itself happened.
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
