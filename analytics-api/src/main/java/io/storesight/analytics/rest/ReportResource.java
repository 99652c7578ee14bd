package io.storesight.analytics.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.storesight.analytics.ReportFilter;
import io.storesight.analytics.Reports;
import io.storesight.analytics.Table.Tabular;
import io.storesight.analytics.service.ReportService;
import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Role;
import io.storesight.contracts.Ids;

/**
 * The store owner's reports, readable by the admin and the read-only viewer (external dashboards). Every report
 * takes the common filters ({@link ReportQuery}) and answers JSON, or CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}; each documents its filters and its JSON shape in {@code /q/openapi}.
 */
@Path("/api/v1/reports")
@RolesAllowed({Role.ADMIN_NAME, Role.VIEWER_NAME})
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
public class ReportResource {
    static final String CSV = "text/csv";

    private final ReportService reports;

    @Context
    HttpHeaders headers;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("summary")
    @Operation(summary = "Visits, unique visitors, new vs returning, orders, revenue, conversion, AOV, dwell")
    @APIResponse(
            responseCode = "200",
            description = "The summary (one CSV row)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.Summary.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response summary(@BeanParam ReportQuery query) {
        return respond("summary", query, reports.summary(query.filter()));
    }

    @GET
    @Path("footfall")
    @Operation(summary = "Visits by weekday x hour (heatmap) and visits/orders/revenue by day")
    @APIResponse(
            responseCode = "200",
            description = "Heatmap cells and daily points",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.Footfall.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response footfall(@BeanParam ReportQuery query) {
        return respond("footfall", query, reports.footfall(query.filter()));
    }

    @GET
    @Path("demographics")
    @Operation(summary = "Age band x gender mix of visits and of orders")
    @APIResponse(
            responseCode = "200",
            description = "Visitor and buyer groups",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.Demographics.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response demographics(@BeanParam ReportQuery query) {
        return respond("demographics", query, reports.demographics(query.filter()));
    }

    @GET
    @Path("top-items")
    @Operation(summary = "Best-selling items per segment (age band x gender x day part)")
    @APIResponse(
            responseCode = "200",
            description = "Segments with their best-selling items",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.TopItems.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response topItems(
            @BeanParam ReportQuery query,
            @QueryParam("limit")
                    @Parameter(
                            description = "Items per segment (default 5)",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000"))
                    String limit) {
        return respond("top-items", query, reports.topItems(query.filter(), limit(limit, 5)));
    }

    @GET
    @Path("item-age-matrix")
    @Operation(summary = "Units sold per item and age band")
    @APIResponse(
            responseCode = "200",
            description = "One row per item, units by age band",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.ItemAgeMatrix.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response itemAgeMatrix(@BeanParam ReportQuery query) {
        return respond("item-age-matrix", query, reports.itemAgeMatrix(query.filter()));
    }

    @GET
    @Path("menu-placement")
    @Operation(summary = "Items to put on top of the menu per day part, from who visits then and what they buy")
    @APIResponse(
            responseCode = "200",
            description = "Day parts with their visitor mix and ranked suggestions",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.MenuPlacement.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response menuPlacement(
            @BeanParam ReportQuery query,
            @QueryParam("limit")
                    @Parameter(
                            description = "Suggestions per day part (default 5)",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000"))
                    String limit) {
        return respond("menu-placement", query, reports.menuPlacement(query.filter(), limit(limit, 5)));
    }

    @GET
    @Path("loyal-customers")
    @Operation(
            summary = "Leaderboard of pseudonymous customers by visits and spend (all time, or within the time "
                    + "filters)")
    @APIResponse(
            responseCode = "200",
            description = "Customers, best first",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.LoyalCustomers.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response loyalCustomers(
            @BeanParam ReportQuery query,
            @QueryParam("limit")
                    @Parameter(
                            description = "Customers listed (default 20)",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000"))
                    String limit) {
        return respond("loyal-customers", query, reports.loyalCustomers(query.filter(), limit(limit, 20)));
    }

    @GET
    @Path("orders")
    @Operation(summary = "Recent orders with the customer and demographics each was attributed to")
    @APIResponse(
            responseCode = "200",
            description = "Orders, newest first",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Reports.Orders.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response orders(
            @QueryParam("store")
                    @Parameter(
                            description = "Store id",
                            schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN))
                    String store,
            @QueryParam("customerId")
                    @Parameter(
                            description = "Only this customer's orders",
                            schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN))
                    String customerId,
            @QueryParam("limit")
                    @Parameter(
                            description = "Orders listed (default 50)",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000"))
                    String limit,
            @QueryParam("format")
                    @Parameter(
                            description = "json (default) or csv; Accept: text/csv works too",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"json", "csv"}))
                    String format) {
        Map<String, String> params = new HashMap<>();
        if (store != null) {
            params.put("store", store);
        }
        if (customerId != null) {
            params.put("customerId", customerId);
        }
        Map<String, Object> problems = new HashMap<>();
        String storeId = ReportFilter.id(params, "store", problems);
        String customer = ReportFilter.id(params, "customerId", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid report filter", problems);
        }
        return respond("orders", format, reports.orders(storeId, customer, limit(limit, 50)));
    }

    @GET
    @Path("dimensions")
    @Operation(
            summary = "The values the filters can take (stores, age bands, genders, tiers, categories, items, years)")
    public Reports.Dimensions dimensions() {
        return reports.dimensions();
    }

    private static int limit(String value, int fallback) {
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

    private Response respond(String name, ReportQuery query, Tabular report) {
        return respond(name, query.format, headers, report);
    }

    private Response respond(String name, String format, Tabular report) {
        return respond(name, format, headers, report);
    }

    /** JSON, or CSV when {@code format=csv} or the first accepted type is text/csv. */
    static Response respond(String name, String format, HttpHeaders headers, Tabular report) {
        if (wantsCsv(format, headers)) {
            return Response.ok(report.table().toCsv(), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                    .build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format.toLowerCase()) {
                case "csv" -> true;
                case "json" -> false;
                default ->
                    throw new ApiException(
                            400, "invalid format", Map.of("format", "expected csv or json, got '" + format + "'"));
            };
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty()
                && !accepted.get(0).isWildcardType()
                && accepted.get(0).isCompatible(MediaType.valueOf(CSV));
    }
}
