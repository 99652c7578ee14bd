package io.storesight.sales;

import static io.storesight.sales.Fixtures.admin;
import static io.storesight.sales.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipFile;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storesight.common.persistence.Backups;

/**
 * {@code ./storesight backup} while staff keep ordering: {@link Backups} copies the running service's database,
 * the copy restores into a fresh data folder, and every order acknowledged before the backup began is there with its
 * lines (orders acknowledged during the backup may or may not be; none is there in part).
 */
@QuarkusTest
class BackupWhileOrderingTest {
    @ConfigProperty(name = "storesight.database.path")
    String databasePath;

    @TempDir
    Path backups;

    @TempDir
    Path restoredData;

    @Test
    void aBackupTakenWhileOrdersAreWrittenRestoresEveryAcknowledgedOrder() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean ordering = new AtomicBoolean(true);
        ExecutorService staff = Executors.newFixedThreadPool(3);
        List<Future<?>> tills = new ArrayList<>();
        for (int till = 0; till < 3; till++) {
            tills.add(staff.submit(() -> {
                while (ordering.get()) {
                    acknowledged.add(admin().contentType(ContentType.JSON)
                            .body(order("espresso", "1", "cafe-latte", "2"))
                            .post("/api/v1/orders")
                            .then()
                            .statusCode(201)
                            .extract()
                            .<String>path("id"));
                }
            }));
        }
        try {
            while (acknowledged.size() < 30) {
                Thread.sleep(20);
            }
            Set<String> beforeBackup = Set.copyOf(acknowledged);
            Path database = Path.of(databasePath).toAbsolutePath();
            Path archive = Backups.backup(List.of(database.getParent()), backups);
            int duringBackup = acknowledged.size() - beforeBackup.size();
            Thread.sleep(300);
            ordering.set(false);
            for (Future<?> till : tills) {
                till.get();
            }
            assertThat(acknowledged.size())
                    .as("orders kept coming during and after the backup")
                    .isGreaterThan(beforeBackup.size());

            assertThat(archive.getFileName().toString()).matches("storesight-backup-\\d{8}T\\d{6}Z\\.zip");
            String name = database.getFileName().toString();
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                String manifest = new String(
                        zip.getInputStream(zip.getEntry(Backups.MANIFEST)).readAllBytes());
                assertThat(manifest).contains("file " + name + " bytes=").contains("orders:");
                assertThat(Backups.parseManifest(manifest)).containsKey(name);
            }

            List<Backups.Entry> restored = Backups.restore(archive, restoredData);
            assertThat(restored).extracting(Backups.Entry::name).contains(name);
            Path copy = restoredData.resolve(name);
            Map<String, Integer> lines = new java.util.HashMap<>();
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                    PreparedStatement query = connection.prepareStatement(
                            "SELECT o.id, COUNT(i.order_id) FROM orders o LEFT JOIN order_items i ON i.order_id = o.id "
                                    + "GROUP BY o.id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.put(rows.getString(1), rows.getInt(2));
                }
            }
            assertThat(lines.keySet())
                    .as("every order acknowledged before the backup, restored")
                    .containsAll(beforeBackup);
            // The database is shared with the module's other test classes: only this test's orders have two lines.
            Set<String> ours = Set.copyOf(acknowledged);
            assertThat(lines.entrySet().stream()
                            .filter(e -> ours.contains(e.getKey()))
                            .map(Map.Entry::getValue))
                    .as("every restored order of this test with both its lines")
                    .containsOnly(2);
            System.out.printf(
                    "backup while ordering: %d orders before, %d acknowledged during the backup, %d in it%n",
                    beforeBackup.size(), duringBackup, lines.size());

            // A restore keeps what it replaces.
            Files.writeString(restoredData.resolve(name), "not the database any more");
            Backups.restore(archive, restoredData);
            try (var aside = Files.list(restoredData)) {
                assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("pre-restore-"));
            }
        } finally {
            ordering.set(false);
            staff.shutdownNow();
        }
    }
}
