package io.storesight.sales;

import java.util.List;

/** What staff ask for: items and quantities, where. Prices are never taken from the caller. */
public record NewOrder(String storeId, String counterId, List<Line> items) {

    public record Line(String menuItemId, int quantity) {
    }
}
