package io.storesight.face.engine;

/** The image header announces more pixels than {@link EngineConfig#maxPixels()}; nothing was decoded. */
public class ImageTooLargeException extends InvalidImageException {

    private final int width;
    private final int height;

    public ImageTooLargeException(int width, int height, long maxPixels) {
        super("image is " + width + "x" + height + " = " + ((long) width * height) + " pixels, above the limit of "
                + maxPixels + " pixels; rejected before decoding");
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
