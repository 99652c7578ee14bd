package io.storesight.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.storesight.common.rest.ApiException;
import io.storesight.contracts.Ids;

/**
 * The dashboard's filters. Time filters are store-local; from/to are inclusive days. Item and category narrow the
 * sales figures (orders containing them, their lines' quantity and revenue); visits have no items, so they ignore them.
 */
public record ReportFilter(
        LocalDate from,
        LocalDate to,
        Integer year,
        Integer month,
        Integer weekday,
        Integer hour,
        String ageBand,
        String gender,
        String store,
        String category,
        String item,
        String tier) {

    public static final ReportFilter NONE =
            new ReportFilter(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Query parameters as given; a value that does not parse is a 400 naming the parameter. */
    public static ReportFilter parse(Map<String, String> params) {
        Map<String, Object> problems = new LinkedHashMap<>();
        LocalDate from = date(params, "from", problems);
        LocalDate to = date(params, "to", problems);
        Integer year = number(params, "year", 1970, 9999, problems);
        Integer month = number(params, "month", 1, 12, problems);
        Integer weekday = number(params, "weekday", 1, 7, problems);
        Integer hour = number(params, "hour", 0, 23, problems);
        if (from != null && to != null && from.isAfter(to)) {
            problems.put("from", "must not be after 'to'");
        }
        String store = id(params, "store", problems);
        String item = id(params, "item", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "invalid report filter", problems);
        }
        return new ReportFilter(
                from,
                to,
                year,
                month,
                weekday,
                hour,
                text(params, "ageBand"),
                text(params, "gender"),
                store,
                text(params, "category"),
                item,
                text(params, "tier"));
    }

    public boolean narrowsItems() {
        return item != null || category != null;
    }

    /** The terms that apply to a fact with the given columns available (visits have no item or category). */
    public List<Condition> conditions(Set<Col> available) {
        List<Condition> terms = new ArrayList<>();
        if (from != null) {
            terms.add(new Condition(Col.DAY, ">=", from.toString()));
        }
        if (to != null) {
            terms.add(new Condition(Col.DAY, "<=", to.toString()));
        }
        add(terms, Col.YEAR, year);
        add(terms, Col.MONTH, month);
        add(terms, Col.WEEKDAY, weekday);
        add(terms, Col.HOUR, hour);
        add(terms, Col.AGE, ageBand);
        add(terms, Col.GENDER, gender);
        add(terms, Col.STORE, store);
        add(terms, Col.TIER, tier);
        if (available.contains(Col.ITEM)) {
            add(terms, Col.ITEM, item);
        }
        if (available.contains(Col.CATEGORY)) {
            add(terms, Col.CATEGORY, category);
        }
        return terms;
    }

    private static void add(List<Condition> terms, Col col, Object value) {
        if (value != null) {
            terms.add(Condition.eq(col, value));
        }
    }

    private static String text(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A parameter naming an id (store, menu item, customer): checked against the one id pattern. */
    public static String id(Map<String, String> params, String name, Map<String, Object> problems) {
        String value = text(params, name);
        if (value != null && !Ids.valid(value)) {
            problems.put(name, "must be " + Ids.RULE);
            return null;
        }
        return value;
    }

    private static LocalDate date(Map<String, String> params, String name, Map<String, Object> problems) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.put(name, "expected a date like 2026-01-31, got '" + value + "'");
            return null;
        }
    }

    private static Integer number(
            Map<String, String> params, String name, int min, int max, Map<String, Object> problems) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                problems.put(name, "must be between " + min + " and " + max + ", got " + parsed);
                return null;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.put(name, "expected a whole number, got '" + value + "'");
            return null;
        }
    }
}
