package io.storesight.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Deletes the test database before the application starts. Flyway's clean-at-start reports success on SQLite here but
 * leaves the tables and rows of the previous run, and replayed ids would then be skipped as already seen.
 */
public class FreshDatabase implements QuarkusTestResourceLifecycleManager {
    static final String PATH = "target/analytics-api-test.db";

    @Override
    public Map<String, String> start() {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(PATH + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("storesight.database.path", PATH);
    }

    @Override
    public void stop() {
        // The file stays for inspection after the run.
    }
}
