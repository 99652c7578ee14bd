package io.storesight.contracts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the directory that {@code models/fetch} fills is (with {@code mediapipe/}, {@code face-api/} and the sample
 * photos in {@code samples/}): the system property {@value #SYSTEM_PROPERTY}, else the environment variable
 * {@value #ENV_VARIABLE}, else the nearest {@code models/} walking up from the working directory (so it is found from
 * the repository root and from any module, as tests run).
 */
public final class Models {
    public static final String SYSTEM_PROPERTY = "storesight.models.dir";
    public static final String ENV_VARIABLE = "STORESIGHT_MODELS_DIR";

    /** The models directory, or empty when none is configured or found. */
    public static Optional<Path> find() {
        String configured = System.getProperty(SYSTEM_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models");
            if (Files.isDirectory(candidate.resolve("face-api")) || Files.isDirectory(candidate.resolve("samples"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The models directory; fails saying how to get one. */
    public static Path locate() {
        return find().orElseThrow(() -> new IllegalStateException("no models directory found (from "
                + SYSTEM_PROPERTY + ", " + ENV_VARIABLE + " or a models/ folder above "
                + Path.of("").toAbsolutePath()
                + "); run models/fetch or set " + ENV_VARIABLE));
    }

    /** The sample photo {@code samples/sample<n>.jpg}, n = 1..6. */
    public static Path sample(Path modelsDir, int n) {
        return modelsDir.resolve("samples").resolve("sample" + n + ".jpg");
    }

    private Models() {}
}
