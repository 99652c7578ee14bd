package io.storesight.analytics;

/**
 * An order and its attribution: customerId null means "unknown" (nobody sighted at the counter in the window, or the
 * customer was erased); tier and demographics are the attributed customer's at the order time.
 */
public record OrderRow(
        String orderId,
        long orderNumber,
        String storeId,
        String counterId,
        String counterCameraId,
        long orderedMs,
        long totalCents,
        String currency,
        String status,
        String customerId,
        String sightingKey,
        String tier,
        String ageBand,
        String gender) {

    public static final String PLACED = "PLACED";
    public static final String CANCELLED = "CANCELLED";

    public OrderRow attributedTo(
            String customer, String sighting, String newTier, String newAgeBand, String newGender) {
        return new OrderRow(
                orderId,
                orderNumber,
                storeId,
                counterId,
                counterCameraId,
                orderedMs,
                totalCents,
                currency,
                status,
                customer,
                sighting,
                newTier,
                newAgeBand,
                newGender);
    }
}
