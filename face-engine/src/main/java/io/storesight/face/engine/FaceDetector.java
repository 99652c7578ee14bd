package io.storesight.face.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Chooses and combines the BlazeFace models. Full range is the store-camera model but misses faces that fill the
 * image; short range finds those. AUTO runs full range and falls back to short range when it finds nothing.
 * Tiling adds nine overlapping passes of full range over a 3×3 grid of tiles, for faces too small at 192×192.
 */
final class FaceDetector {

    /** 3×3 tiles spanning 40% of each side: neighbours overlap by 10% of the frame, faces appear 2.5× larger. */
    private static final int TILE_GRID = 3;

    private static final double TILE_FRACTION = 0.4;
    /** Tiling only pays when a tile is still larger than the network input. */
    private static final int MIN_TILING_SIDE = (int) Math.ceil(192 / TILE_FRACTION);

    private static final float TILE_EDGE_PX = 2f;

    private final BlazeFace fullRange;
    private final BlazeFace shortRange;
    private final DetectorMode mode;
    private final boolean tiling;

    FaceDetector(Path modelDir, DetectorMode mode, boolean tiling) {
        Path mediapipe = modelDir.resolve("mediapipe");
        this.mode = mode;
        this.tiling = tiling;
        this.fullRange =
                mode == DetectorMode.SHORT_RANGE ? null : new BlazeFace(mediapipe, BlazeFace.Variant.FULL_RANGE);
        this.shortRange =
                mode == DetectorMode.FULL_RANGE ? null : new BlazeFace(mediapipe, BlazeFace.Variant.SHORT_RANGE);
    }

    List<BlazeFace.Detection> detect(Mat bgr) {
        if (mode == DetectorMode.SHORT_RANGE) {
            return shortRange.detect(bgr);
        }
        List<BlazeFace.Detection> faces = tiling ? tiled(bgr) : fullRange.detect(bgr);
        if (faces.isEmpty() && mode == DetectorMode.AUTO) {
            return shortRange.detect(bgr);
        }
        return faces;
    }

    private List<BlazeFace.Detection> tiled(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        List<BlazeFace.Detection> raw = new ArrayList<>(fullRange.detectRaw(bgr));
        if (Math.min(w, h) >= MIN_TILING_SIDE) {
            int tw = (int) Math.ceil(w * TILE_FRACTION);
            int th = (int) Math.ceil(h * TILE_FRACTION);
            for (int ty = 0; ty < TILE_GRID; ty++) {
                for (int tx = 0; tx < TILE_GRID; tx++) {
                    Rect tile = new Rect((w - tw) * tx / (TILE_GRID - 1), (h - th) * ty / (TILE_GRID - 1), tw, th);
                    Mat view = bgr.submat(tile);
                    try {
                        for (BlazeFace.Detection d : fullRange.detectRaw(view)) {
                            if (!cutByTileEdge(d.box(), tile, w, h)) {
                                raw.add(shift(d, tile.x, tile.y));
                            }
                        }
                    } finally {
                        view.release();
                    }
                }
            }
        }
        return WeightedNms.apply(raw, BlazeFace.NMS_IOU);
    }

    /** A face touching a tile side inside the frame is probably cut off; the frame pass or another tile has it. */
    private static boolean cutByTileEdge(Box b, Rect tile, int frameW, int frameH) {
        boolean left = tile.x > 0 && b.x() <= TILE_EDGE_PX;
        boolean top = tile.y > 0 && b.y() <= TILE_EDGE_PX;
        boolean right = tile.x + tile.width < frameW && b.right() >= tile.width - TILE_EDGE_PX;
        boolean bottom = tile.y + tile.height < frameH && b.bottom() >= tile.height - TILE_EDGE_PX;
        return left || top || right || bottom;
    }

    private static BlazeFace.Detection shift(BlazeFace.Detection d, int dx, int dy) {
        Point2[] kp = new Point2[d.keypoints().length];
        for (int i = 0; i < kp.length; i++) {
            kp[i] = new Point2(d.keypoints()[i].x() + dx, d.keypoints()[i].y() + dy);
        }
        Box b = d.box();
        return new BlazeFace.Detection(new Box(b.x() + dx, b.y() + dy, b.width(), b.height()), d.score(), kp);
    }
}
