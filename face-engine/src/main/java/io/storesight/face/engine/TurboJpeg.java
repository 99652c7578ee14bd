package io.storesight.face.engine;

import java.util.logging.Logger;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * JPEG decoding through libjpeg-turbo's TurboJPEG API (JNA, which DJL already brings), when the system has it
 * (Debian/Ubuntu package {@code libturbojpeg0}). The libjpeg inside OpenCV's Java package has no SIMD: a 720p
 * camera frame took 6.7 ms there against 2.0 ms here, with identical pixels (both use the same IDCT and
 * upsampling). Anything TurboJPEG does not decode cleanly (a warning counts) returns null and the caller decodes
 * with OpenCV as before, so the result never depends on which library is installed.
 */
final class TurboJpeg {

    private static final Logger LOG = Logger.getLogger(TurboJpeg.class.getName());
    private static final int TJPF_BGR = 1;

    private interface Api extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(
                Pointer handle,
                byte[] jpeg,
                NativeLong size,
                IntByReference width,
                IntByReference height,
                IntByReference subsampling,
                IntByReference colorspace);

        int tjDecompress2(
                Pointer handle,
                byte[] jpeg,
                NativeLong size,
                Pointer dst,
                int width,
                int pitch,
                int height,
                int pixelFormat,
                int flags);

        int tjDestroy(Pointer handle);
    }

    private static final Api API = load();

    private TurboJpeg() {}

    private static Api load() {
        if (Boolean.getBoolean("storesight.turbojpeg.disabled")) {
            return null;
        }
        try {
            return Native.load("turbojpeg", Api.class);
        } catch (UnsatisfiedLinkError e) {
            LOG.info(
                    "libturbojpeg not found (apt install libturbojpeg0): JPEG frames are decoded by OpenCV, ~3x slower");
            return null;
        }
    }

    static boolean available() {
        return API != null;
    }

    /** The image as 8-bit BGR as stored (no EXIF orientation), or null to let OpenCV decode it. */
    static Mat decodeBgr(byte[] jpeg) {
        if (API == null) {
            return null;
        }
        Pointer handle = API.tjInitDecompress();
        if (handle == null) {
            return null;
        }
        try {
            NativeLong size = new NativeLong(jpeg.length);
            IntByReference width = new IntByReference();
            IntByReference height = new IntByReference();
            if (API.tjDecompressHeader3(handle, jpeg, size, width, height, new IntByReference(), new IntByReference())
                            != 0
                    || width.getValue() <= 0
                    || height.getValue() <= 0) {
                return null;
            }
            Mat bgr = new Mat(height.getValue(), width.getValue(), CvType.CV_8UC3);
            if (API.tjDecompress2(
                            handle,
                            jpeg,
                            size,
                            new Pointer(bgr.dataAddr()),
                            width.getValue(),
                            0,
                            height.getValue(),
                            TJPF_BGR,
                            0)
                    != 0) {
                bgr.release();
                return null;
            }
            return bgr;
        } finally {
            API.tjDestroy(handle);
        }
    }
}
