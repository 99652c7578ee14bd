package io.storesight.face.engine;

/** A point in pixel coordinates of the analysed image. */
public record Point2(float x, float y) {

    public float distance(Point2 other) {
        return (float) Math.hypot(x - other.x, y - other.y);
    }
}
