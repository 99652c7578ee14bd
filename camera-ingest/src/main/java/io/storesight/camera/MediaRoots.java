package io.storesight.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders that file and folder sources may be in (the demo folder plus {@code storesight.ingest.media-roots}),
 * so that whoever may add a camera cannot make the service read, and publish, any file it can open.
 */
public record MediaRoots(List<Path> roots) {

    public MediaRoots {
        roots = roots.stream()
                .map(root -> root.toAbsolutePath().normalize())
                .distinct()
                .toList();
    }

    public static MediaRoots of(Collection<String> roots) {
        return new MediaRoots(roots.stream()
                .filter(root -> !root.isBlank())
                .map(root -> Path.of(root.strip()))
                .toList());
    }

    /**
     * The real path of an existing file or folder inside one of the roots; links and {@code ..} are resolved first,
     * so neither leads outside.
     */
    public Path inside(Path candidate) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("source file or folder " + candidate + " does not exist");
        }
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try {
                    if (real.startsWith(root.toRealPath())) {
                        return real;
                    }
                } catch (IOException e) {
                    // A root that vanished contains nothing.
                }
            }
        }
        throw new IllegalArgumentException(
                "source " + candidate + " is outside the media folders ("
                        + (roots.isEmpty()
                                ? "none configured"
                                : roots.stream().map(Path::toString).collect(Collectors.joining(", ")))
                        + "): put the video or image folder in one of them, or add its folder to storesight.ingest.media-roots");
    }
}
