package io.storesight.sales;

import java.math.BigDecimal;

/** A line of an order, with the menu's name, category and price copied at order time (menus change later). */
public record OrderLine(String menuItemId, String name, String category, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
