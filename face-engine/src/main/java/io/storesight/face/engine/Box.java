package io.storesight.face.engine;

/** Axis-aligned rectangle in pixel coordinates of the analysed image. */
public record Box(float x, float y, float width, float height) {

    public float right() {
        return x + width;
    }

    public float bottom() {
        return y + height;
    }

    public float centerX() {
        return x + width / 2f;
    }

    public float centerY() {
        return y + height / 2f;
    }

    public float area() {
        return Math.max(0f, width) * Math.max(0f, height);
    }

    public float iou(Box other) {
        float ix = Math.max(0f, Math.min(right(), other.right()) - Math.max(x, other.x));
        float iy = Math.max(0f, Math.min(bottom(), other.bottom()) - Math.max(y, other.y));
        float inter = ix * iy;
        float union = area() + other.area() - inter;
        return union <= 0f ? 0f : inter / union;
    }
}
