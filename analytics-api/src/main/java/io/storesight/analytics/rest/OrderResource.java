package io.storesight.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.analytics.Reports.OrderAttribution;
import io.storesight.analytics.service.ReportService;
import io.storesight.common.rest.IdParams;
import io.storesight.common.security.Role;

/** Which customer, with which demographics, one order was attributed to (404 until analytics has seen it). */
@Path("/api/v1/orders")
@RolesAllowed({Role.ADMIN_NAME, Role.VIEWER_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private final ReportService reports;

    public OrderResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("{orderId}/attribution")
    @Operation(summary = "The attribution of one order: customer id (null = unknown), tier, age band, gender")
    public OrderAttribution attribution(@PathParam("orderId") String orderId) {
        return reports.attribution(IdParams.required("orderId", orderId));
    }
}
