package io.storesight.face.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the directory filled by {@code models/fetch}. */
public final class ModelLocator {

    public static final String SYSTEM_PROPERTY = "storesight.models.dir";
    public static final String ENV_VARIABLE = "STORESIGHT_MODELS_DIR";

    private ModelLocator() {
    }

    /**
     * System property, then environment variable, then the nearest {@code models/} with a {@code face-api/}
     * folder walking up from the working directory (tests of every module run with their module as cwd).
     */
    public static Path locateModelDir() {
        String configured = System.getProperty(SYSTEM_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("model directory " + dir + " (from " + SYSTEM_PROPERTY + " / "
                        + ENV_VARIABLE + ") does not exist; run models/fetch");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models");
            if (Files.isDirectory(candidate.resolve("face-api"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no models/ directory with face-api/ found above " + start
                + "; run models/fetch or set " + SYSTEM_PROPERTY + " / " + ENV_VARIABLE);
    }
}
