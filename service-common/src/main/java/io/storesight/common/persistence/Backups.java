package io.storesight.common.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backups of the services' SQLite databases without stopping them, and their restore into a stopped stack. A backup is
 * one zip archive, {@code storesight-backup-<UTC time>.zip}: a consistent copy of every {@code *.db} of the data
 * folders, each made by SQLite's {@code VACUUM INTO} (a read transaction: writers go on, the copy is the database as
 * of one commit), checked with {@code PRAGMA integrity_check}, plus {@code manifest.txt} naming each file with its
 * size, SHA-256 and rows per table. Plain Java with sqlite-jdbc, so that {@code ./storesight backup} needs only the
 * JDK: {@code java -cp <a service's lib/main/*> io.storesight.common.persistence.Backups backup|restore ...}.
 */
public final class Backups {
    public static final String MANIFEST = "manifest.txt";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern MANIFEST_FILE =
            Pattern.compile("file (\\S+\\.db) bytes=(\\d+) sha256=(\\p{XDigit}{64})");

    /** One database in an archive, as its manifest line says. */
    public record Entry(String name, long bytes, String sha256, Map<String, Long> rows) {
        String line() {
            return "file " + name + " bytes=" + bytes + " sha256=" + sha256 + " rows="
                    + rows.entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(","));
        }
    }

    /** Copies every database of {@code dataDirs} into one new archive in {@code targetDir}; returns the archive. */
    public static Path backup(List<Path> dataDirs, Path targetDir) throws IOException, SQLException {
        Instant now = Instant.now();
        Files.createDirectories(targetDir);
        Path work = Files.createTempDirectory(targetDir, ".backup-");
        try {
            List<Entry> entries = new ArrayList<>();
            for (Path dir : dataDirs) {
                for (Path database : databases(dir)) {
                    String name = database.getFileName().toString();
                    if (entries.stream().anyMatch(e -> e.name().equals(name))) {
                        throw new IOException("two databases named " + name + " in " + dataDirs);
                    }
                    Path copy = work.resolve(name);
                    try (Connection source = open(database);
                            Statement statement = source.createStatement()) {
                        statement.execute("PRAGMA busy_timeout = 30000");
                        statement.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
                    }
                    entries.add(new Entry(name, Files.size(copy), sha256(copy), checked(copy)));
                }
            }
            if (entries.isEmpty()) {
                throw new IOException("no *.db file in " + dataDirs + ": is that the data folder?");
            }
            Path archive = targetDir.resolve("storesight-backup-" + STAMP.format(now) + ".zip");
            Path partial = work.resolve("archive.partial");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest(now, dataDirs, entries).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (Entry entry : entries) {
                    zip.putNextEntry(new ZipEntry(entry.name()));
                    Files.copy(work.resolve(entry.name()), zip);
                    zip.closeEntry();
                }
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            return archive;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Puts the archive's databases into {@code dataDir} after checking each against the manifest and SQLite's
     * integrity check. The databases it replaces (with their WAL files) are moved, not deleted, into
     * {@code pre-restore-<time>/}. The services must be stopped: a running one would keep writing its old file.
     */
    public static List<Entry> restore(Path archive, Path dataDir) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Path work = Files.createTempDirectory(dataDir, ".restore-");
        try {
            Map<String, Entry> expected = null;
            List<String> extracted = new ArrayList<>();
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String name = entry.getName();
                    if (name.equals(MANIFEST)) {
                        expected = parseManifest(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    } else if (name.matches("[\\w.-]+\\.db")) {
                        Files.copy(zip, work.resolve(name));
                        extracted.add(name);
                    } else {
                        throw new IOException(archive + " holds " + name + ", which no StoreSight backup contains");
                    }
                }
            }
            if (expected == null) {
                throw new IOException(archive + " has no " + MANIFEST + ": not a StoreSight backup");
            }
            if (!expected.keySet().equals(Set.copyOf(extracted)) || extracted.size() != expected.size()) {
                throw new IOException(archive + " does not hold the files its manifest lists: " + expected.keySet()
                        + " against " + extracted);
            }
            List<Entry> restored = new ArrayList<>();
            for (Entry entry : expected.values()) {
                Path copy = work.resolve(entry.name());
                String sha = sha256(copy);
                if (!sha.equals(entry.sha256()) || Files.size(copy) != entry.bytes()) {
                    throw new IOException(entry.name() + " in " + archive + " is damaged (SHA-256 " + sha
                            + ", manifest says " + entry.sha256() + "); nothing was restored");
                }
                restored.add(new Entry(entry.name(), entry.bytes(), sha, checked(copy)));
            }
            Path aside = dataDir.resolve("pre-restore-" + STAMP.format(Instant.now()));
            for (Entry entry : restored) {
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Path current = dataDir.resolve(entry.name() + suffix);
                    if (Files.exists(current)) {
                        Files.createDirectories(aside);
                        Files.move(current, aside.resolve(current.getFileName()));
                    }
                }
                Files.move(work.resolve(entry.name()), dataDir.resolve(entry.name()), StandardCopyOption.ATOMIC_MOVE);
            }
            return restored;
        } finally {
            deleteTree(work);
        }
    }

    /** The manifest's entries by file name. */
    public static Map<String, Entry> parseManifest(String manifest) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : manifest.split("\n")) {
            Matcher file = MANIFEST_FILE.matcher(line);
            if (file.lookingAt()) {
                entries.put(
                        file.group(1),
                        new Entry(file.group(1), Long.parseLong(file.group(2)), file.group(3), Map.of()));
            }
        }
        return entries;
    }

    private static String manifest(Instant at, List<Path> dataDirs, List<Entry> entries) {
        StringBuilder manifest = new StringBuilder("StoreSight backup\ncreated " + at + "\nfrom "
                + dataDirs.stream().map(Path::toString).collect(Collectors.joining(" ")) + "\n"
                + "method SQLite VACUUM INTO per database, each consistent as of its own copy; integrity_check ok\n");
        entries.forEach(entry -> manifest.append(entry.line()).append('\n'));
        return manifest.toString();
    }

    /** The copy's rows per table, after SQLite's integrity check passed. */
    private static Map<String, Long> checked(Path database) throws SQLException, IOException {
        try (Connection connection = open(database);
                Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                check.next();
                if (!"ok".equals(check.getString(1))) {
                    throw new IOException(
                            database.getFileName() + " fails SQLite's integrity check: " + check.getString(1));
                }
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                try (ResultSet count =
                        statement.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    count.next();
                    rows.put(table, count.getLong(1));
                }
            }
            return rows;
        }
    }

    private static List<Path> databases(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("data folder " + dir + " does not exist");
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".db") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }

    private static Connection open(Path database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp folder is harmless.
        }
    }

    /**
     * {@code backup TARGET_DIR DATA_DIR...} prints the archive's path; {@code restore ARCHIVE DATA_DIR} prints what
     * it restored. A failure prints one line and exits 1.
     */
    public static void main(String[] args) {
        try {
            if (args.length >= 3 && args[0].equals("backup")) {
                List<Path> dirs = List.of(args).subList(2, args.length).stream()
                        .map(Path::of)
                        .toList();
                System.out.println(backup(dirs, Path.of(args[1])));
            } else if (args.length == 3 && args[0].equals("restore")) {
                for (Entry entry : restore(Path.of(args[1]), Path.of(args[2]))) {
                    System.out.println(
                            "restored " + entry.name() + " (" + entry.bytes() + " bytes, rows " + entry.rows() + ")");
                }
            } else {
                System.out.println("usage: Backups backup TARGET_DIR DATA_DIR... | restore ARCHIVE DATA_DIR");
                System.exit(2);
            }
        } catch (IOException | SQLException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    private Backups() {}
}
