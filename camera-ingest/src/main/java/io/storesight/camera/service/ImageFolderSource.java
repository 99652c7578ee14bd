package io.storesight.camera.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Plays the images of a folder in name order at a fixed rate, like a camera would deliver them, optionally looping.
 * Images are decoded with OpenCV only when sampling keeps them; images of different sizes are fine.
 */
public final class ImageFolderSource implements FrameSource {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp");

    private final List<Path> images;
    private final long intervalNanos;
    private final boolean loop;
    private final long anchorNanos;
    private final Instant anchorInstant;
    private volatile boolean closed;
    private long index;

    public ImageFolderSource(Path folder, double fps, boolean loop) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(ImageFolderSource::isImage).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IOException("image folder " + folder + " contains no images (" + EXTENSIONS + ")");
        }
        this.intervalNanos = (long) (1_000_000_000d / fps);
        this.loop = loop;
        this.anchorNanos = System.nanoTime();
        this.anchorInstant = Instant.now();
    }

    static boolean isImage(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1)) && Files.isRegularFile(path);
    }

    @Override
    public CapturedFrame next() throws IOException {
        if (closed) {
            throw new IOException("source closed");
        }
        if (!loop && index >= images.size()) {
            return null;
        }
        long offset = index * intervalNanos;
        long due = anchorNanos + offset;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        Path image = images.get((int) (index % images.size()));
        index++;
        return new CapturedFrame(due, anchorInstant.plusNanos(offset), () -> {
            Mat mat = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
            if (mat.empty()) {
                mat.release();
                return null;
            }
            return mat;
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
