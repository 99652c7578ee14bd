package io.storesight.sales;

import java.util.List;

/** A heading of the order page and the items under it, in menu order. */
public record MenuCategory(String name, List<MenuItem> items) {

    public MenuCategory {
        items = List.copyOf(items);
    }
}
