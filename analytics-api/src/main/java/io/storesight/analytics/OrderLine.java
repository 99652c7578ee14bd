package io.storesight.analytics;

/** One line of an order; prices in minor units (cents) so that sums are exact. */
public record OrderLine(String itemId, String name, String category, int quantity, long unitPriceCents) {
    public long revenueCents() {
        return quantity * unitPriceCents;
    }
}
