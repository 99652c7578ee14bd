package io.storesight.face;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

import io.restassured.RestAssured;
import io.storesight.contracts.Models;
import io.storesight.testsupport.Await;

/** The real sample photos (fetched by models/fetch) and images derived from them. */
public final class TestImages {

    public static Path sample(int n) {
        return Models.locate().resolve("samples").resolve("sample" + n + ".jpg");
    }

    public static byte[] sampleBytes(int n) {
        try {
            return Files.readAllBytes(sample(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The region around a face box, grown by {@code margin} of its size on each side, clipped to the image. */
    public static BufferedImage crop(BufferedImage image, float x, float y, float w, float h, float margin) {
        int x0 = Math.max(0, Math.round(x - margin * w));
        int y0 = Math.max(0, Math.round(y - margin * h));
        int x1 = Math.min(image.getWidth(), Math.round(x + w + margin * w));
        int y1 = Math.min(image.getHeight(), Math.round(y + h + margin * h));
        BufferedImage copy = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, x1 - x0, y1 - y0, x0, y0, x1, y1, null);
        g.dispose();
        return copy;
    }

    public static BufferedImage scaled(BufferedImage image, double factor) {
        return resize(image, factor, false);
    }

    /** Scaled by {@code factor} and flipped left to right. */
    public static BufferedImage scaledMirror(BufferedImage image, double factor) {
        return resize(image, factor, true);
    }

    private static BufferedImage resize(BufferedImage image, double factor, boolean mirror) {
        int w = (int) Math.round(image.getWidth() * factor);
        int h = (int) Math.round(image.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (mirror) {
            g.drawImage(image, w, 0, -w, h, null);
        } else {
            g.drawImage(image, 0, 0, w, h, null);
        }
        g.dispose();
        return out;
    }

    /** A plain grey picture: decodable, no face. */
    public static byte[] blankJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return encode(image, "jpg");
    }

    /** A PNG that declares {@code width x height} pixels in its header but holds no image data. */
    public static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width)
                .putInt(height)
                .put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue())
                .putInt(0)
                .put("IEND".getBytes(StandardCharsets.US_ASCII))
                .putInt(0xAE426082)
                .array();
    }

    /** Waits until readiness is UP: the models load in the background after the application starts. */
    public static void awaitReady() {
        Await.until(
                "face-inference ready (models loaded)",
                Duration.ofMinutes(3),
                () -> RestAssured.given().get("/q/health/ready").statusCode() == 200);
    }

    private TestImages() {}
}
