package io.storesight.analytics.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.storesight.analytics.ReportFilter;
import io.storesight.contracts.Ids;

/**
 * The filters every report takes, as query parameters documented in {@code /q/openapi}. The fields stay text so that
 * {@link ReportFilter#parse} answers a bad value with a 400 naming the parameter (JAX-RS would answer 404).
 */
public class ReportQuery {
    @QueryParam("from")
    @Parameter(
            description = "First day, inclusive, in the store's time zone",
            schema = @Schema(type = SchemaType.STRING, format = "date", example = "2026-01-01"))
    public String from;

    @QueryParam("to")
    @Parameter(
            description = "Last day, inclusive, in the store's time zone",
            schema = @Schema(type = SchemaType.STRING, format = "date", example = "2026-01-31"))
    public String to;

    @QueryParam("year")
    @Parameter(
            description = "Calendar year (store-local)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1970", maximum = "9999"))
    public String year;

    @QueryParam("month")
    @Parameter(
            description = "Month of the year, 1 = January (store-local)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "12"))
    public String month;

    @QueryParam("weekday")
    @Parameter(
            description = "ISO day of the week, 1 = Monday … 7 = Sunday (store-local)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "7"))
    public String weekday;

    @QueryParam("hour")
    @Parameter(
            description = "Hour of the day, 0-23 (store-local)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "23"))
    public String hour;

    @QueryParam("ageBand")
    @Parameter(
            description = "Estimated age band",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60+", "unknown"}))
    public String ageBand;

    @QueryParam("gender")
    @Parameter(
            description = "Estimated gender",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"MALE", "FEMALE", "UNKNOWN"}))
    public String gender;

    @QueryParam("tier")
    @Parameter(
            description = "Loyalty tier at the time of the visit or order; UNKNOWN for visitors nobody "
                    + "recognised (the values: /api/v1/reports/dimensions)",
            schema = @Schema(type = SchemaType.STRING, example = "REGULAR"))
    public String tier;

    @QueryParam("store")
    @Parameter(description = "Store id", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN))
    public String store;

    @QueryParam("category")
    @Parameter(
            description = "Menu category: narrows the sales figures to orders containing it",
            schema = @Schema(type = SchemaType.STRING, example = "coffee"))
    public String category;

    @QueryParam("item")
    @Parameter(
            description = "Menu item id: narrows the sales figures to orders containing it",
            schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN))
    public String item;

    @QueryParam("format")
    @Parameter(
            description = "json (default) or csv; Accept: text/csv works too",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"json", "csv"}))
    public String format;

    public ReportFilter filter() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "from", from);
        put(params, "to", to);
        put(params, "year", year);
        put(params, "month", month);
        put(params, "weekday", weekday);
        put(params, "hour", hour);
        put(params, "ageBand", ageBand);
        put(params, "gender", gender);
        put(params, "tier", tier);
        put(params, "store", store);
        put(params, "category", category);
        put(params, "item", item);
        return ReportFilter.parse(params);
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
