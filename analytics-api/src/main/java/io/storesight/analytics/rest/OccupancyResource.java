package io.storesight.analytics.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
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

import io.storesight.analytics.Occupancy;
import io.storesight.analytics.ReportFilter;
import io.storesight.analytics.service.OccupancyService;
import io.storesight.common.rest.ApiException;
import io.storesight.common.security.Role;
import io.storesight.contracts.Ids;

/** Live occupancy: people inside each store now, and a day's curve (a report like the others: admin and viewer). */
@Path("/api/v1/reports/occupancy")
@RolesAllowed({Role.ADMIN_NAME, Role.VIEWER_NAME})
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
public class OccupancyResource {
    private final OccupancyService occupancy;

    @Context
    HttpHeaders headers;

    public OccupancyResource(OccupancyService occupancy) {
        this.occupancy = occupancy;
    }

    @GET
    @Operation(
            summary = "People inside each store now (customers with an open visit + visitors not yet recognised) "
                    + "and the day's curve, a point per minute, in the store's time zone")
    @APIResponse(
            responseCode = "200",
            description = "Per store: the latest count and the day's curve",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Occupancy.class)),
                @Content(mediaType = ReportResource.CSV, schema = @Schema(type = SchemaType.STRING))
            })
    public Response occupancy(
            @QueryParam("store")
                    @Parameter(
                            description = "Store id (default: every store)",
                            schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN))
                    String store,
            @QueryParam("date")
                    @Parameter(
                            description = "Day of the curve, store-local (default: today)",
                            schema = @Schema(type = SchemaType.STRING, format = "date", example = "2026-01-31"))
                    String date,
            @QueryParam("format")
                    @Parameter(
                            description = "json (default) or csv; Accept: text/csv works too",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"json", "csv"}))
                    String format) {
        Map<String, Object> problems = new LinkedHashMap<>();
        Map<String, String> params = new HashMap<>();
        if (store != null) {
            params.put("store", store);
        }
        String storeId = ReportFilter.id(params, "store", problems);
        LocalDate day = null;
        if (date != null && !date.isBlank()) {
            try {
                day = LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                problems.put("date", "expected a date like 2026-01-31, got '" + date + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid report filter", problems);
        }
        return ReportResource.respond("occupancy", format, headers, occupancy.occupancy(storeId, day));
    }
}
