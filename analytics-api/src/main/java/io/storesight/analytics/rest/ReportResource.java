package io.storesight.analytics.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.storesight.analytics.ReportFilter;
import io.storesight.analytics.Reports;
import io.storesight.analytics.Table.Tabular;
import io.storesight.analytics.service.ReportService;
import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Role;

/**
 * The store owner's reports. Every report takes the common filters (from, to, year, month, weekday, hour, ageBand,
 * gender, store, category, item, tier) and answers JSON, or CSV with {@code Accept: text/csv} or {@code ?format=csv}.
 */
@Path("/api/v1/reports")
@RolesAllowed(Role.ADMIN_NAME)
@Produces({ MediaType.APPLICATION_JSON, ReportResource.CSV })
public class ReportResource {
    static final String CSV = "text/csv";

    private final ReportService reports;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("summary")
    @Operation(summary = "Visits, unique visitors, new vs returning, orders, revenue, conversion, AOV, dwell")
    public Response summary() {
        return respond("summary", reports.summary(filter()));
    }

    @GET
    @Path("footfall")
    @Operation(summary = "Visits by weekday x hour (heatmap) and visits/orders/revenue by day")
    public Response footfall() {
        return respond("footfall", reports.footfall(filter()));
    }

    @GET
    @Path("demographics")
    @Operation(summary = "Age band x gender mix of visits and of orders")
    public Response demographics() {
        return respond("demographics", reports.demographics(filter()));
    }

    @GET
    @Path("top-items")
    @Operation(summary = "Best-selling items per segment (age band x gender x day part)")
    public Response topItems() {
        return respond("top-items", reports.topItems(filter(), limit(5)));
    }

    @GET
    @Path("item-age-matrix")
    @Operation(summary = "Units sold per item and age band")
    public Response itemAgeMatrix() {
        return respond("item-age-matrix", reports.itemAgeMatrix(filter()));
    }

    @GET
    @Path("menu-placement")
    @Operation(summary = "Items to put on top of the menu per day part, from who visits then and what they buy")
    public Response menuPlacement() {
        return respond("menu-placement", reports.menuPlacement(filter(), limit(5)));
    }

    @GET
    @Path("loyal-customers")
    @Operation(summary = "Leaderboard of pseudonymous customers by visits and spend (all time, or within the time "
            + "filters)")
    public Response loyalCustomers() {
        return respond("loyal-customers", reports.loyalCustomers(filter(), limit(20)));
    }

    @GET
    @Path("orders")
    @Operation(summary = "Recent orders with the customer and demographics each was attributed to")
    public Response orders() {
        Map<String, String> params = params();
        Map<String, Object> problems = new HashMap<>();
        String store = ReportFilter.id(params, "store", problems);
        String customerId = ReportFilter.id(params, "customerId", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid report filter", problems);
        }
        return respond("orders", reports.orders(store, customerId, limit(50)));
    }

    @GET
    @Path("dimensions")
    @Operation(summary = "The values the filters can take (stores, age bands, genders, tiers, categories, items, years)")
    public Reports.Dimensions dimensions() {
        return reports.dimensions();
    }

    private ReportFilter filter() {
        return ReportFilter.parse(params());
    }

    private Map<String, String> params() {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                params.put(name, values.get(0));
            }
        });
        return params;
    }

    private int limit(int fallback) {
        String value = params().get("limit");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= 10_000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "invalid limit", Map.of("limit", "expected 1..10000, got '" + value + "'"));
    }

    private Response respond(String name, Tabular report) {
        if (wantsCsv()) {
            return Response.ok(report.table().toCsv(), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private boolean wantsCsv() {
        String format = params().get("format");
        if (format != null) {
            return switch (format.toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ApiException(400, "invalid format",
                        Map.of("format", "expected csv or json, got '" + format + "'"));
            };
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && !accepted.get(0).isWildcardType()
                && accepted.get(0).isCompatible(MediaType.valueOf(CSV));
    }
}
