package io.storesight.sales.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Role;
import io.storesight.sales.NewOrder;
import io.storesight.sales.Order;
import io.storesight.sales.OrderQuery;
import io.storesight.sales.OrderStatus;
import io.storesight.sales.service.OrderService;

@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final OrderService orders;
    private final StaffAccess staff;

    public OrderResource(OrderService orders, StaffAccess staff) {
        this.orders = orders;
        this.staff = staff;
    }

    /** 201 with the new order; 200 with the first order when the Idempotency-Key was seen before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, NewOrder request) {
        staff.check();
        OrderService.Placed placed = orders.place(MenuResource.body(request), idempotencyKey);
        if (placed.replayed()) {
            return Response.ok(placed.order()).header(REPLAYED, "true").build();
        }
        return Response.created(URI.create("/api/v1/orders/" + placed.order().id()))
                .entity(placed.order())
                .build();
    }

    /** Newest first. {@code from}/{@code to}: ISO-8601 instants or dates (UTC midnight); from inclusive, to not. */
    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public List<Order> list(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("storeId") String storeId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") String limit,
            @QueryParam("offset") @DefaultValue("0") String offset) {
        return orders.list(new OrderQuery(
                time("from", from),
                time("to", to),
                storeId,
                status(status),
                number("limit", limit),
                number("offset", offset)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public Order get(@PathParam("id") String id) {
        return orders.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Role.ADMIN_NAME)
    public Order cancel(@PathParam("id") String id) {
        return orders.cancel(id);
    }

    // Query parameters are parsed here rather than by JAX-RS converters, which answer a bad value with 404.
    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 date-time such as "
                    + "2026-11-22T09:00:00Z, or a date such as 2026-11-22; got '" + value + "'");
        }
    }

    private static OrderStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "'status' must be one of " + Arrays.toString(OrderStatus.values()) + "; got '" + value + "'");
        }
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number; got '" + value + "'");
        }
    }
}
