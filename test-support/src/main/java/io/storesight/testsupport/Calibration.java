package io.storesight.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The face calibration set on the test classpath: 61 photos of 13 people taken on different days, in different light
 * and at different ages (see {@code calibration/NOTICE}). Recognition thresholds are chosen and checked on pairs of
 * <em>different</em> photos of one person, never on copies of one photo.
 */
public final class Calibration {
    private static final String ROOT = "calibration/";

    /** One photo and whose it is ({@code person01} … {@code person13}). */
    public record Photo(String file, String identity) {

        public byte[] bytes() {
            try (InputStream in = resource(ROOT + "faces/" + file)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The photo number, for a stable order ({@code img7} before {@code img10}). */
        int number() {
            return Integer.parseInt(file.replaceAll("\\D", ""));
        }
    }

    private static List<Photo> photos;

    /** Every photo, grouped by person (person01 first), each person's photos in file-number order. */
    public static synchronized List<Photo> photos() {
        if (photos == null) {
            List<Photo> read = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(resource(ROOT + "identities.csv"), StandardCharsets.UTF_8))) {
                lines.readLine();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        String[] cells = line.split(",");
                        read.add(new Photo(cells[0].strip(), cells[1].strip()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            photos = read.stream()
                    .sorted(Comparator.comparing(Photo::identity).thenComparingInt(Photo::number))
                    .toList();
        }
        return photos;
    }

    /** Photos per person, in {@link #photos()} order. */
    public static Map<String, List<Photo>> byIdentity() {
        return photos().stream()
                .collect(Collectors.groupingBy(Photo::identity, LinkedHashMap::new, Collectors.toList()));
    }

    /** Writes the photos into {@code dir} (for tools that need files, such as ffmpeg); returns {@code dir}. */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Photo photo : photos()) {
                Path out = dir.resolve(photo.file());
                if (!Files.exists(out)) {
                    Files.write(out, photo.bytes());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Calibration.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource " + name + " is missing from the classpath");
        }
        return in;
    }

    private Calibration() {}
}
