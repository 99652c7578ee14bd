package io.storesight.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Col;
import io.storesight.analytics.Condition;
import io.storesight.analytics.Cube.Kind;
import io.storesight.analytics.Cube.Measure;
import io.storesight.analytics.CustomerRow;
import io.storesight.analytics.HourBuckets;
import io.storesight.analytics.OrderRow;
import io.storesight.analytics.Placement;
import io.storesight.analytics.ReportFilter;
import io.storesight.analytics.Reports.BuyerGroup;
import io.storesight.analytics.Reports.DayPoint;
import io.storesight.analytics.Reports.Demographics;
import io.storesight.analytics.Reports.Dimensions;
import io.storesight.analytics.Reports.Footfall;
import io.storesight.analytics.Reports.HeatCell;
import io.storesight.analytics.Reports.ItemAgeMatrix;
import io.storesight.analytics.Reports.ItemSales;
import io.storesight.analytics.Reports.LoyalCustomer;
import io.storesight.analytics.Reports.LoyalCustomers;
import io.storesight.analytics.Reports.MatrixRow;
import io.storesight.analytics.Reports.MenuPlacement;
import io.storesight.analytics.Reports.OrderAttribution;
import io.storesight.analytics.Reports.Orders;
import io.storesight.analytics.Reports.Segment;
import io.storesight.analytics.Reports.Summary;
import io.storesight.analytics.Reports.TopItems;
import io.storesight.analytics.Reports.VisitorGroup;
import io.storesight.analytics.persistence.CubeRepository;
import io.storesight.analytics.persistence.CubeRepository.Row;
import io.storesight.analytics.persistence.CustomerFacts;
import io.storesight.analytics.persistence.Leaderboard;
import io.storesight.analytics.persistence.OrderFacts;
import io.storesight.analytics.persistence.VisitFacts;
import io.storesight.common.rest.ApiException;

/** Builds every report from the cubes (and, for unique customers and the leaderboard, from indexed fact rows). */
@ApplicationScoped
public class ReportService {
    static final String PLACEMENT_METHOD = "score(item, slot) = sum over age band x gender segments of "
            + "share of the slot's visits by the segment x the segment's purchase share of the item, the latter "
            + "smoothed towards the store-wide item mix with " + (int) Placement.PRIOR_WEIGHT + " pseudo-purchases; "
            + "a score is the item's expected share of purchases by the people who visit in that slot";

    private static final Set<Col> VISIT_COLUMNS = EnumSet.complementOf(EnumSet.of(Col.ITEM, Col.CATEGORY));
    private static final Set<Col> ITEM_COLUMNS = EnumSet.allOf(Col.class);

    private final CubeRepository cubes;
    private final CustomerFacts customerFacts;
    private final VisitFacts visitFacts;
    private final OrderFacts orderFacts;
    private final Leaderboard leaderboard;

    public ReportService(
            CubeRepository cubes,
            CustomerFacts customers,
            VisitFacts visits,
            OrderFacts orders,
            Leaderboard leaderboard) {
        this.cubes = cubes;
        this.customerFacts = customers;
        this.visitFacts = visits;
        this.orderFacts = orders;
        this.leaderboard = leaderboard;
    }

    /** Orders and revenue come from the item (or category) cubes when the filter names one. */
    private record Sales(Kind kind, List<Condition> where) {}

    private static Sales sales(ReportFilter filter) {
        if (filter.item() != null) {
            return new Sales(Kind.ITEMS, filter.conditions(ITEM_COLUMNS));
        }
        if (filter.category() != null) {
            return new Sales(Kind.CATEGORIES, filter.conditions(EnumSet.of(Col.CATEGORY)));
        }
        return new Sales(Kind.ORDERS, filter.conditions(VISIT_COLUMNS));
    }

    public Summary summary(ReportFilter filter) {
        List<Condition> visitWhere = filter.conditions(VISIT_COLUMNS);
        Row v = cubes.sum(Kind.VISITS, visitWhere, List.of(), List.of()).get(0);
        long uniqueCustomers = visitFacts.uniqueCustomers(asDayRange(filter, visitWhere));
        Sales sales = sales(filter);
        Row s = cubes.sum(sales.kind(), sales.where(), List.of(), List.of()).get(0);
        long visits = v.sum(Measure.VISITS);
        long newVisits = v.sum(Measure.NEW_VISITS);
        long anonymous = v.sum(Measure.ANONYMOUS_VISITS);
        long customerVisits = visits - anonymous;
        long returning = customerVisits - newVisits;
        long orders = s.sum(Measure.ORDERS);
        long revenue = s.sum(Measure.REVENUE_CENTS);
        return new Summary(
                visits,
                anonymous,
                customerVisits,
                uniqueCustomers,
                newVisits,
                returning,
                share(newVisits, customerVisits),
                share(returning, customerVisits),
                orders,
                money(revenue),
                share(orders, visits),
                orders == 0 ? money(0) : money(revenue).divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP),
                v.sum(Measure.DWELL_COUNT) == 0 ? 0 : v.sum(Measure.DWELL_MS) / 1000.0 / v.sum(Measure.DWELL_COUNT));
    }

    /** A year (and month) as a day range, so that counting distinct visitors reads an index range. */
    private static List<Condition> asDayRange(ReportFilter filter, List<Condition> where) {
        if (filter.year() == null) {
            return where;
        }
        java.time.LocalDate first =
                java.time.LocalDate.of(filter.year(), filter.month() == null ? 1 : filter.month(), 1);
        java.time.LocalDate last = filter.month() == null
                ? first.withDayOfYear(first.lengthOfYear())
                : first.withDayOfMonth(first.lengthOfMonth());
        List<Condition> terms = new ArrayList<>();
        for (Condition condition : where) {
            if (condition.col() != Col.YEAR && condition.col() != Col.MONTH) {
                terms.add(condition);
            }
        }
        terms.add(new Condition(Col.DAY, ">=", first.toString()));
        terms.add(new Condition(Col.DAY, "<=", last.toString()));
        return terms;
    }

    public Footfall footfall(ReportFilter filter) {
        List<Condition> visitWhere = filter.conditions(VISIT_COLUMNS);
        long[][] grid = new long[7][24];
        for (Row row : cubes.sum(Kind.VISITS, visitWhere, List.of(Col.WEEKDAY, Col.HOUR), List.of())) {
            grid[row.intKey(Col.WEEKDAY) - 1][row.intKey(Col.HOUR)] = row.sum(Measure.VISITS);
        }
        List<HeatCell> heatmap = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                heatmap.add(new HeatCell(day + 1, hour, grid[day][hour]));
            }
        }
        Map<String, Long> visitsByDay = new TreeMap<>();
        for (Row row : cubes.sum(Kind.VISITS, visitWhere, List.of(Col.DAY), List.of())) {
            visitsByDay.put(row.key(Col.DAY), row.sum(Measure.VISITS));
        }
        Sales sales = sales(filter);
        Map<String, Row> salesByDay = new TreeMap<>();
        for (Row row : cubes.sum(sales.kind(), sales.where(), List.of(Col.DAY), List.of())) {
            salesByDay.put(row.key(Col.DAY), row);
            visitsByDay.putIfAbsent(row.key(Col.DAY), 0L);
        }
        List<DayPoint> daily = new ArrayList<>();
        visitsByDay.forEach((day, visits) -> {
            Row sold = salesByDay.get(day);
            daily.add(new DayPoint(
                    day,
                    visits,
                    sold == null ? 0 : sold.sum(Measure.ORDERS),
                    money(sold == null ? 0 : sold.sum(Measure.REVENUE_CENTS))));
        });
        return new Footfall(heatmap, daily);
    }

    public Demographics demographics(ReportFilter filter) {
        List<Row> visitorRows =
                cubes.sum(Kind.VISITS, filter.conditions(VISIT_COLUMNS), List.of(Col.AGE, Col.GENDER), List.of());
        long totalVisits =
                visitorRows.stream().mapToLong(r -> r.sum(Measure.VISITS)).sum();
        List<VisitorGroup> visitors = new ArrayList<>();
        visitorRows.forEach(r -> visitors.add(new VisitorGroup(
                r.key(Col.AGE), r.key(Col.GENDER), r.sum(Measure.VISITS), share(r.sum(Measure.VISITS), totalVisits))));
        visitors.sort(Comparator.comparing(VisitorGroup::ageBand).thenComparing(VisitorGroup::gender));
        Sales sales = sales(filter);
        List<Row> buyerRows = cubes.sum(sales.kind(), sales.where(), List.of(Col.AGE, Col.GENDER), List.of());
        long totalOrders =
                buyerRows.stream().mapToLong(r -> r.sum(Measure.ORDERS)).sum();
        List<BuyerGroup> buyers = new ArrayList<>();
        buyerRows.forEach(r -> buyers.add(new BuyerGroup(
                r.key(Col.AGE),
                r.key(Col.GENDER),
                r.sum(Measure.ORDERS),
                money(r.sum(Measure.REVENUE_CENTS)),
                share(r.sum(Measure.ORDERS), totalOrders))));
        buyers.sort(Comparator.comparing(BuyerGroup::ageBand).thenComparing(BuyerGroup::gender));
        return new Demographics(visitors, buyers);
    }

    public TopItems topItems(ReportFilter filter, int limit) {
        List<Row> rows = cubes.sum(
                Kind.ITEMS,
                filter.conditions(ITEM_COLUMNS),
                List.of(Col.AGE, Col.GENDER, Col.HOUR_BUCKET, Col.ITEM),
                List.of(Col.ITEM_NAME, Col.CATEGORY));
        record SegmentKey(String ageBand, String gender, String hourBucket) {}
        Map<SegmentKey, List<ItemSales>> segments = new TreeMap<>(Comparator.comparing(SegmentKey::ageBand)
                .thenComparing(SegmentKey::gender)
                .thenComparing(k -> HourBuckets.order(k.hourBucket())));
        for (Row row : rows) {
            segments.computeIfAbsent(
                            new SegmentKey(row.key(Col.AGE), row.key(Col.GENDER), row.key(Col.HOUR_BUCKET)),
                            k -> new ArrayList<>())
                    .add(itemSales(row));
        }
        List<Segment> result = new ArrayList<>();
        segments.forEach((key, items) -> result.add(new Segment(
                key.ageBand(),
                key.gender(),
                key.hourBucket(),
                items.stream().sorted(BEST_SELLING).limit(limit).toList())));
        return new TopItems(result);
    }

    /** Most units first, then most revenue, then item id: the ranking tests and the dashboard rely on. */
    public static final Comparator<ItemSales> BEST_SELLING = Comparator.comparingLong(ItemSales::quantity)
            .reversed()
            .thenComparing(Comparator.comparing(ItemSales::revenue).reversed())
            .thenComparing(ItemSales::itemId);

    private static ItemSales itemSales(Row row) {
        return new ItemSales(
                row.key(Col.ITEM),
                row.key(Col.ITEM_NAME),
                row.key(Col.CATEGORY),
                row.sum(Measure.QUANTITY),
                row.sum(Measure.ORDERS),
                money(row.sum(Measure.REVENUE_CENTS)));
    }

    public ItemAgeMatrix itemAgeMatrix(ReportFilter filter) {
        List<Row> rows = cubes.sum(
                Kind.ITEMS,
                filter.conditions(ITEM_COLUMNS),
                List.of(Col.ITEM, Col.AGE),
                List.of(Col.ITEM_NAME, Col.CATEGORY));
        Set<String> bands = new TreeSet<>();
        Map<String, MatrixRowBuilder> items = new LinkedHashMap<>();
        for (Row row : rows) {
            bands.add(row.key(Col.AGE));
            MatrixRowBuilder item = items.computeIfAbsent(
                    row.key(Col.ITEM), id -> new MatrixRowBuilder(id, row.key(Col.ITEM_NAME), row.key(Col.CATEGORY)));
            item.byBand.merge(row.key(Col.AGE), row.sum(Measure.QUANTITY), Long::sum);
            item.total += row.sum(Measure.QUANTITY);
        }
        List<MatrixRow> result = items.values().stream()
                .map(b -> new MatrixRow(b.id, b.name, b.category, b.byBand, b.total))
                .sorted(Comparator.comparingLong(MatrixRow::total).reversed().thenComparing(MatrixRow::itemId))
                .toList();
        return new ItemAgeMatrix(List.copyOf(bands), result);
    }

    private static final class MatrixRowBuilder {
        final String id;
        final String name;
        final String category;
        final Map<String, Long> byBand = new TreeMap<>();
        long total;

        MatrixRowBuilder(String id, String name, String category) {
            this.id = id;
            this.name = name;
            this.category = category;
        }
    }

    /** What each day part's visitors buy, ranked by {@link Placement} from the cubes. */
    public MenuPlacement menuPlacement(ReportFilter filter, int limit) {
        Map<String, Map<Placement.Segment, Long>> visitsBySlot = new HashMap<>();
        for (Row row : cubes.sum(
                Kind.VISITS,
                filter.conditions(VISIT_COLUMNS),
                List.of(Col.HOUR_BUCKET, Col.AGE, Col.GENDER),
                List.of())) {
            visitsBySlot
                    .computeIfAbsent(row.key(Col.HOUR_BUCKET), s -> new HashMap<>())
                    .merge(segment(row), row.sum(Measure.VISITS), Long::sum);
        }
        List<Condition> itemWhere = filter.conditions(ITEM_COLUMNS);
        Map<Placement.Segment, Map<String, Long>> boughtBySegment = new HashMap<>();
        Map<String, Placement.Item> items = new HashMap<>();
        for (Row row : cubes.sum(
                Kind.ITEMS, itemWhere, List.of(Col.AGE, Col.GENDER, Col.ITEM), List.of(Col.ITEM_NAME, Col.CATEGORY))) {
            boughtBySegment
                    .computeIfAbsent(segment(row), s -> new HashMap<>())
                    .merge(row.key(Col.ITEM), row.sum(Measure.QUANTITY), Long::sum);
            items.put(
                    row.key(Col.ITEM),
                    new Placement.Item(row.key(Col.ITEM), row.key(Col.ITEM_NAME), row.key(Col.CATEGORY)));
        }
        Map<String, Map<String, Long>> soldBySlot = new HashMap<>();
        for (Row row : cubes.sum(Kind.ITEMS, itemWhere, List.of(Col.HOUR_BUCKET, Col.ITEM), List.of())) {
            soldBySlot
                    .computeIfAbsent(row.key(Col.HOUR_BUCKET), s -> new HashMap<>())
                    .put(row.key(Col.ITEM), row.sum(Measure.QUANTITY));
        }
        return new MenuPlacement(
                PLACEMENT_METHOD,
                Placement.rank(new Placement.Evidence(visitsBySlot, boughtBySegment, items, soldBySlot), limit));
    }

    private static Placement.Segment segment(Row row) {
        return new Placement.Segment(row.key(Col.AGE), row.key(Col.GENDER));
    }

    /**
     * The leaderboard: most visits, then most spend, then id; tier, age band and gender narrow it by the customer's
     * latest values. Without a time filter, the all-time counters; with one, counted from the visits and orders in
     * the window (last visit = the last in the window).
     */
    public LoyalCustomers loyalCustomers(ReportFilter filter, int limit) {
        List<Condition> window = timeWindow(filter);
        List<CustomerRow> rows = window.isEmpty()
                ? customerFacts.top(filter.tier(), filter.ageBand(), filter.gender(), limit)
                : leaderboard.top(window, filter.tier(), filter.ageBand(), filter.gender(), limit);
        List<LoyalCustomer> result = new ArrayList<>();
        for (CustomerRow c : rows) {
            result.add(new LoyalCustomer(
                    c.customerId(),
                    c.tier(),
                    c.vip(),
                    c.ageBand(),
                    c.gender(),
                    c.visits(),
                    c.orders(),
                    money(c.spendCents()),
                    c.lastVisitMs() == null
                            ? null
                            : Instant.ofEpochMilli(c.lastVisitMs()).toString()));
        }
        return new LoyalCustomers(result);
    }

    /**
     * The filter's time terms alone (empty: no time filter), on columns that visits and orders both carry. A year
     * (and month) becomes a day range intersected with from/to, so that the fact indexes, which lead with the day,
     * read only that range; a month without a year stays a term.
     */
    static List<Condition> timeWindow(ReportFilter filter) {
        LocalDate from = filter.from();
        LocalDate to = filter.to();
        if (filter.year() != null) {
            LocalDate first = LocalDate.of(filter.year(), filter.month() == null ? 1 : filter.month(), 1);
            LocalDate last = filter.month() == null
                    ? first.withDayOfYear(first.lengthOfYear())
                    : first.withDayOfMonth(first.lengthOfMonth());
            from = from == null || from.isBefore(first) ? first : from;
            to = to == null || to.isAfter(last) ? last : to;
        }
        List<Condition> terms = new ArrayList<>();
        if (from != null) {
            terms.add(new Condition(Col.DAY, ">=", from.toString()));
        }
        if (to != null) {
            terms.add(new Condition(Col.DAY, "<=", to.toString()));
        }
        if (filter.year() == null && filter.month() != null) {
            terms.add(Condition.eq(Col.MONTH, filter.month()));
        }
        if (filter.weekday() != null) {
            terms.add(Condition.eq(Col.WEEKDAY, filter.weekday()));
        }
        if (filter.hour() != null) {
            terms.add(Condition.eq(Col.HOUR, filter.hour()));
        }
        return terms;
    }

    public Orders orders(String store, String customerId, int limit) {
        return new Orders(orderFacts.recent(store, customerId, limit).stream()
                .map(ReportService::attribution)
                .toList());
    }

    public OrderAttribution attribution(String orderId) {
        return orderFacts
                .find(orderId)
                .map(ReportService::attribution)
                .orElseThrow(() -> ApiException.notFound("no order " + orderId + " in analytics (yet)"));
    }

    private static OrderAttribution attribution(OrderRow o) {
        return new OrderAttribution(
                o.orderId(),
                o.orderNumber(),
                o.storeId(),
                o.counterId(),
                o.counterCameraId(),
                Instant.ofEpochMilli(o.orderedMs()).toString(),
                o.status(),
                money(o.totalCents()),
                o.currency(),
                o.customerId() != null,
                o.customerId(),
                o.tier(),
                o.ageBand(),
                o.gender());
    }

    public Dimensions dimensions() {
        return new Dimensions(
                cubes.distinct(Kind.VISITS, Col.STORE),
                cubes.distinct(Kind.VISITS, Col.AGE),
                cubes.distinct(Kind.VISITS, Col.GENDER),
                cubes.distinct(Kind.VISITS, Col.TIER),
                cubes.distinct(Kind.CATEGORIES, Col.CATEGORY),
                cubes.distinct(Kind.ITEMS, Col.ITEM),
                cubes.distinct(Kind.VISITS, Col.YEAR).stream()
                        .map(Integer::valueOf)
                        .toList());
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : round(part / (double) whole);
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
