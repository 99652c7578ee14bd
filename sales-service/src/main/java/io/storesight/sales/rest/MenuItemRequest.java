package io.storesight.sales.rest;

import java.math.BigDecimal;

import io.storesight.sales.MenuItem;

/** A menu item as an admin sends it; omitted active/sortOrder/currency take their defaults. */
public record MenuItemRequest(
        String id,
        String name,
        String category,
        BigDecimal price,
        String currency,
        Boolean active,
        Integer sortOrder,
        String description,
        String imageUrl) {

    MenuItem toDraft() {
        return new MenuItem(
                id,
                name,
                category,
                price,
                currency,
                active == null || active,
                sortOrder == null ? 0 : sortOrder,
                description,
                imageUrl,
                null);
    }
}
