package io.storesight.identity;

/** Where a face was seen: the camera, its role ({@code entrance}, {@code counter}, …) and its store. */
public record Place(String cameraId, String cameraRole, String storeId) {
    public static final String ENTRANCE = "entrance";

    public boolean entrance() {
        return ENTRANCE.equals(cameraRole);
    }
}
