package io.storesight.identity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.storesight.common.persistence.Jdbc;
import io.storesight.identity.Descriptors;
import io.storesight.identity.FaceLikeDescriptors;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.OptOutRepository;
import io.storesight.identity.persistence.TemplateRepository;
import io.storesight.identity.service.GalleryService;

/**
 * What a start costs: identity.db (the service's own migrations) filled with customers of 5 templates each, then
 * {@link GalleryService#reload()}, the start-up path that readiness waits for, timed from the SQLite file to a
 * queryable gallery, and the heap the gallery then holds. The file is freshly written, so it is read from the page
 * cache: a cold disk adds its read time. Prints figures, asserts nothing.
 *
 * <pre>
 * ./mvnw -B -pl identity-service -am test -DskipTests -Dbench=identity-service
 *     -Dbench.main=io.storesight.identity.bench.GalleryStartupBenchmark [-Dbench.sizes=1000000] [-Dbench.threads=2]
 * </pre>
 */
public final class GalleryStartupBenchmark {
    public static void main(String[] args) throws Exception {
        int[] sizes = BenchMachine.sizes(args, "1000000");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createDirectories(Path.of("target", "bench-startup"));
        for (int size : sizes) {
            Path file = dir.resolve("identity-" + size + ".db");
            Files.deleteIfExists(file);
            SQLiteDataSource dataSource = new SQLiteDataSource();
            dataSource.setUrl("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true");
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            long fillStart = System.nanoTime();
            fill(dataSource, size);
            System.out.printf(
                    "identity.db with %d templates written in %.1f s (%d MB)%n",
                    size, (System.nanoTime() - fillStart) / 1e9, Files.size(file) / 1_000_000);

            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withMapping(IdentityConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withDefaultValue("storesight.identity.matching.threads", String.valueOf(threads))
                    .build();
            Jdbc jdbc = new Jdbc(dataSource);
            long before = BenchMachine.usedHeapAfterGc();
            GalleryService service = new GalleryService(
                    config.getConfigMapping(IdentityConfig.class),
                    new TemplateRepository(jdbc),
                    new OptOutRepository(jdbc));
            long start = System.nanoTime();
            service.reload();
            double seconds = (System.nanoTime() - start) / 1e9;
            long memory = BenchMachine.usedHeapAfterGc() - before;
            System.out.printf(
                    "gallery %d templates: start-up %.1f s from SQLite, memory %d MB, %s, load average %s%n",
                    service.gallery().size(),
                    seconds,
                    memory / 1_000_000,
                    service.gallery().indexed() ? "indexed" : "exact scan",
                    BenchMachine.loadAverage());
        }
    }

    private static void fill(SQLiteDataSource dataSource, int size) throws SQLException {
        Random random = new Random(42);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement customer = connection.prepareStatement(
                            "INSERT INTO customers (id, first_seen, last_seen, tier, created_at) VALUES (?, 0, 0, 'NEW', 0)");
                    PreparedStatement template = connection.prepareStatement("INSERT INTO templates (customer_id, "
                            + "descriptor, quality, created_at) VALUES (?, ?, 0.9, 0)")) {
                for (int i = 0; i < size; i++) {
                    String id = "c" + (i / 5);
                    if (i % 5 == 0) {
                        customer.setString(1, id);
                        customer.executeUpdate();
                    }
                    template.setString(1, id);
                    template.setBytes(2, Descriptors.toBytes(FaceLikeDescriptors.unstructured(random, 0.1f)));
                    template.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    private GalleryStartupBenchmark() {}
}
