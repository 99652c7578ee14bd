package io.storesight.sales;

import java.math.BigDecimal;
import java.time.Instant;

/** One thing the café sells. Inactive items stay on record (old orders name them) but cannot be ordered. */
public record MenuItem(
        String id,
        String name,
        String category,
        BigDecimal price,
        String currency,
        boolean active,
        int sortOrder,
        String description,
        String imageUrl,
        Instant updatedAt) {}
