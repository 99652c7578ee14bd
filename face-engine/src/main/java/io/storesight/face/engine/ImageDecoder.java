package io.storesight.face.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * JPEG/PNG bytes to an 8-bit BGR Mat. The header is parsed here first, so that oversized images are refused
 * before any pixel is decoded and truncated files are refused instead of being half-decoded into grey (libjpeg
 * only warns on a premature end). JPEGs go through {@link TurboJpeg} when the system has it; otherwise, and for
 * PNG, OpenCV decodes with IMREAD_UNCHANGED, which ignores EXIF. The JPEG orientation is applied here: one code
 * path for 8/16-bit, grey, RGB and RGBA, independent of either library's EXIF handling.
 */
final class ImageDecoder {

    /** What the header says. {@code orientation} is the EXIF value 1..8 (1 = as stored). */
    record Header(String format, int width, int height, int orientation) {}

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageDecoder() {}

    static Mat decode(byte[] data, long maxPixels) {
        Header header = readHeader(data);
        if (header.width() <= 0 || header.height() <= 0) {
            throw new InvalidImageException(header.format() + " header declares an empty image (" + header.width() + "x"
                    + header.height() + ")");
        }
        if ((long) header.width() * header.height() > maxPixels) {
            throw new ImageTooLargeException(header.width(), header.height(), maxPixels);
        }
        Mat raw = "JPEG".equals(header.format()) ? TurboJpeg.decodeBgr(data) : null;
        if (raw == null) {
            MatOfByte buffer = new MatOfByte(data);
            raw = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
            buffer.release();
        }
        try {
            if (raw.empty()) {
                throw new InvalidImageException("could not decode the " + header.format() + " image data ("
                        + data.length + " bytes); the file is corrupt");
            }
            Mat bgr = toBgr8(raw);
            if (bgr != raw) {
                raw.release();
            }
            raw = null;
            return applyOrientation(bgr, header.orientation());
        } finally {
            if (raw != null) {
                raw.release();
            }
        }
    }

    /** Any OpenCV image (gray, BGR, BGRA; 8 or 16 bit) to 8-bit BGR; returns the input when it already is. */
    static Mat toBgr8(Mat image) {
        Mat eight = image;
        if (image.depth() == CvType.CV_16U) {
            eight = new Mat();
            image.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
        } else if (image.depth() != CvType.CV_8U) {
            throw new InvalidImageException("unsupported pixel depth " + CvType.typeToString(image.type()));
        }
        int code = switch (eight.channels()) {
            case 1 -> Imgproc.COLOR_GRAY2BGR;
            case 3 -> -1;
            // alpha is dropped: the colour under a transparent pixel is what the camera or editor stored
            case 4 -> Imgproc.COLOR_BGRA2BGR;
            default -> throw new InvalidImageException("unsupported channel count " + eight.channels());
        };
        if (code < 0) {
            return eight;
        }
        Mat bgr = new Mat();
        Imgproc.cvtColor(eight, bgr, code);
        if (eight != image) {
            eight.release();
        }
        return bgr;
    }

    static Mat applyOrientation(Mat image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(image, out, 1);
            case 3 -> Core.rotate(image, out, Core.ROTATE_180);
            case 4 -> Core.flip(image, out, 0);
            case 5 -> Core.transpose(image, out);
            case 6 -> Core.rotate(image, out, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {
                Mat t = new Mat();
                Core.transpose(image, t);
                Core.flip(t, out, -1);
                t.release();
            }
            default -> Core.rotate(image, out, Core.ROTATE_90_COUNTERCLOCKWISE);
        }
        image.release();
        return out;
    }

    static Header readHeader(byte[] data) {
        if (data == null || data.length == 0) {
            throw new InvalidImageException("empty image: no bytes");
        }
        if (data.length >= 3 && (data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xD8 && (data[2] & 0xff) == 0xFF) {
            return readJpegHeader(data);
        }
        if (startsWith(data, PNG_SIGNATURE)) {
            return readPngHeader(data);
        }
        throw new InvalidImageException(
                "not a JPEG or PNG image (" + data.length + " bytes starting with " + hex(data, 8) + ")");
    }

    private static Header readPngHeader(byte[] d) {
        // signature, then the IHDR chunk: length, "IHDR", width, height
        if (d.length < 33 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
            throw new InvalidImageException("truncated PNG: no IHDR chunk");
        }
        long width = u32(d, 16);
        long height = u32(d, 20);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new InvalidImageException("PNG header declares an impossible size " + width + "x" + height);
        }
        if (!containsIend(d)) {
            throw new InvalidImageException("truncated PNG: the file ends before its IEND chunk");
        }
        return new Header("PNG", (int) width, (int) height, 1);
    }

    private static boolean containsIend(byte[] d) {
        for (int i = d.length - 8; i >= Math.max(33, d.length - 4096); i--) {
            if (d[i] == 'I' && d[i + 1] == 'E' && d[i + 2] == 'N' && d[i + 3] == 'D') {
                return true;
            }
        }
        return false;
    }

    private static Header readJpegHeader(byte[] d) {
        int pos = 2;
        int width = -1;
        int height = -1;
        int orientation = 1;
        while (true) {
            if (pos >= d.length) {
                throw new InvalidImageException("truncated JPEG: the file ends inside its header");
            }
            if ((d[pos] & 0xff) != 0xFF) {
                throw new InvalidImageException("corrupt JPEG: expected a marker at byte " + pos);
            }
            while (pos < d.length && (d[pos] & 0xff) == 0xFF) {
                pos++;
            }
            if (pos >= d.length) {
                throw new InvalidImageException("truncated JPEG: the file ends inside its header");
            }
            int marker = d[pos++] & 0xff;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD9) {
                throw new InvalidImageException("corrupt JPEG: end of image before any scan");
            }
            if (pos + 2 > d.length) {
                throw new InvalidImageException("truncated JPEG: the file ends inside its header");
            }
            int length = u16(d, pos);
            if (length < 2 || pos + length > d.length) {
                throw new InvalidImageException(
                        "truncated JPEG: segment 0x" + Integer.toHexString(marker) + " runs past the end of the file");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof && length >= 7) {
                height = u16(d, pos + 3);
                width = u16(d, pos + 5);
            } else if (marker == 0xE1) {
                int exif = exifOrientation(d, pos + 2, pos + length);
                if (exif > 0) {
                    orientation = exif;
                }
            } else if (marker == 0xDA) {
                if (width < 0) {
                    throw new InvalidImageException("corrupt JPEG: scan data before a frame header");
                }
                if (!hasEndOfImage(d, pos + length)) {
                    throw new InvalidImageException("truncated JPEG: the file ends before its end-of-image marker");
                }
                boolean sideways = orientation >= 5;
                return new Header("JPEG", sideways ? height : width, sideways ? width : height, orientation);
            }
            pos += length;
        }
    }

    /** Entropy-coded data stuffs every 0xFF with 0x00, so an FF D9 pair after the first scan is the real EOI. */
    private static boolean hasEndOfImage(byte[] d, int from) {
        for (int i = d.length - 2; i >= from; i--) {
            if ((d[i] & 0xff) == 0xFF && (d[i + 1] & 0xff) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment; 0 when absent or unreadable. */
    static int exifOrientation(byte[] d, int start, int end) {
        if (end - start < 14
                || d[start] != 'E'
                || d[start + 1] != 'x'
                || d[start + 2] != 'i'
                || d[start + 3] != 'f'
                || d[start + 4] != 0
                || d[start + 5] != 0) {
            return 0;
        }
        int tiff = start + 6;
        boolean little;
        if (d[tiff] == 'I' && d[tiff + 1] == 'I') {
            little = true;
        } else if (d[tiff] == 'M' && d[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        long ifd = tiff + read32(d, tiff + 4, little);
        if (ifd + 2 > end) {
            return 0;
        }
        int entries = read16(d, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 0;
            }
            if (read16(d, entry, little) == 0x0112) {
                int value = read16(d, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int read16(byte[] d, int pos, boolean little) {
        return little ? (d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8 : u16(d, pos);
    }

    private static long read32(byte[] d, int pos, boolean little) {
        return little
                ? (d[pos] & 0xffL) | (d[pos + 1] & 0xffL) << 8 | (d[pos + 2] & 0xffL) << 16 | (d[pos + 3] & 0xffL) << 24
                : u32(d, pos);
    }

    private static int u16(byte[] d, int pos) {
        return (d[pos] & 0xff) << 8 | (d[pos + 1] & 0xff);
    }

    private static long u32(byte[] d, int pos) {
        return (d[pos] & 0xffL) << 24 | (d[pos + 1] & 0xffL) << 16 | (d[pos + 2] & 0xffL) << 8 | (d[pos + 3] & 0xffL);
    }

    private static boolean startsWith(byte[] d, byte[] prefix) {
        if (d.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] d, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, d.length); i++) {
            sb.append(String.format("%02x", d[i] & 0xff));
        }
        return sb.toString();
    }
}
