package io.storesight.sales;

import java.math.BigDecimal;

/** A line of an order, with the menu's name, category and price copied at order time (menus change later). */
public record OrderLine(
        String menuItemId, String name, String category, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {

    public OrderLine(String menuItemId, String name, String category, int quantity, BigDecimal unitPrice) {
        this(menuItemId, name, category, quantity, unitPrice, unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }
}
