package io.storesight.sales;

import java.util.List;

/** What staff ask for: items and quantities, where. Prices are never taken from the caller. */
public record NewOrder(String storeId, String counterId, List<Line> items) {

    /** A long, so that an absurd quantity gets the quantity rule's message rather than a JSON overflow error. */
    public record Line(String menuItemId, Long quantity) {}
}
