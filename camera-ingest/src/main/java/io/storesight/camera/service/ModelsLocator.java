package io.storesight.camera.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the models directory (fetched by {@code models/fetch}) the way face-engine does: the system property
 * {@code storesight.models.dir}, else the env {@code STORESIGHT_MODELS_DIR}, else a {@code models/} directory in the
 * working directory or one of its parents (so it works from the repo root and from a module).
 */
public final class ModelsLocator {

    public static Optional<Path> find() {
        String configured = System.getProperty("storesight.models.dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("STORESIGHT_MODELS_DIR");
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath()) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models");
            if (Files.isDirectory(candidate.resolve("samples"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The sample photo {@code samples/sample<n>.jpg}, n = 1..6. */
    public static Path sample(Path modelsDir, int n) {
        return modelsDir.resolve("samples").resolve("sample" + n + ".jpg");
    }

    private ModelsLocator() {
    }
}
