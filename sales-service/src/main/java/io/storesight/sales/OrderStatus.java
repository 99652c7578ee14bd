package io.storesight.sales;

public enum OrderStatus {
    PLACED,
    CANCELLED
}
