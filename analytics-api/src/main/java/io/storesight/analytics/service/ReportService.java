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
import io.storesight.analytics.CustomerRow;
import io.storesight.analytics.HourBuckets;
import io.storesight.analytics.OrderRow;
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
import io.storesight.analytics.Reports.MixShare;
import io.storesight.analytics.Reports.OrderAttribution;
import io.storesight.analytics.Reports.Orders;
import io.storesight.analytics.Reports.Segment;
import io.storesight.analytics.Reports.Slot;
import io.storesight.analytics.Reports.Suggestion;
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

/** Builds every report from the cubes (and, for unique visitors and the leaderboard, from indexed fact rows). */
@ApplicationScoped
public class ReportService {
    /** Pseudo-purchases of the overall mix added to each segment's: small segments lean on the whole store's taste. */
    static final double PRIOR_WEIGHT = 20;
    static final String PLACEMENT_METHOD = "score(item, slot) = sum over age band x gender segments of "
            + "share of the slot's visits by the segment x the segment's purchase share of the item, the latter "
            + "smoothed towards the store-wide item mix with " + (int) PRIOR_WEIGHT + " pseudo-purchases; "
            + "a score is the item's expected share of purchases by the people who visit in that slot";

    private static final Set<Col> VISIT_COLUMNS = EnumSet.complementOf(EnumSet.of(Col.ITEM, Col.CATEGORY));
    private static final Set<Col> ITEM_COLUMNS = EnumSet.allOf(Col.class);

    private final CubeRepository cubes;
    private final CustomerFacts customerFacts;
    private final VisitFacts visitFacts;
    private final OrderFacts orderFacts;
    private final Leaderboard leaderboard;

    public ReportService(CubeRepository cubes, CustomerFacts customers, VisitFacts visits, OrderFacts orders,
            Leaderboard leaderboard) {
        this.cubes = cubes;
        this.customerFacts = customers;
        this.visitFacts = visits;
        this.orderFacts = orders;
        this.leaderboard = leaderboard;
    }

    /** Orders and revenue come from the item (or category) cubes when the filter names one. */
    private record Sales(Kind kind, List<Condition> where, int revenueIndex) {
    }

    private static Sales sales(ReportFilter filter) {
        if (filter.item() != null) {
            return new Sales(Kind.ITEMS, filter.conditions(ITEM_COLUMNS), 2);
        }
        if (filter.category() != null) {
            return new Sales(Kind.CATEGORIES, filter.conditions(EnumSet.of(Col.CATEGORY)), 2);
        }
        return new Sales(Kind.ORDERS, filter.conditions(VISIT_COLUMNS), 1);
    }

    public Summary summary(ReportFilter filter) {
        List<Condition> visitWhere = filter.conditions(VISIT_COLUMNS);
        long[] v = cubes.sum(Kind.VISITS, visitWhere, List.of(), List.of()).get(0).sums();
        long uniqueCustomers = visitFacts.uniqueCustomers(asDayRange(filter, visitWhere));
        Sales sales = sales(filter);
        long[] s = cubes.sum(sales.kind(), sales.where(), List.of(), List.of()).get(0).sums();
        long visits = v[0];
        long newVisits = v[1];
        long anonymous = v[4];
        long customerVisits = visits - anonymous;
        long returning = customerVisits - newVisits;
        long orders = s[0];
        long revenue = s[sales.revenueIndex()];
        return new Summary(visits, anonymous, customerVisits, uniqueCustomers, newVisits, returning,
                share(newVisits, customerVisits), share(returning, customerVisits), orders, money(revenue),
                share(orders, visits),
                orders == 0 ? money(0) : money(revenue).divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP),
                v[3] == 0 ? 0 : v[2] / 1000.0 / v[3]);
    }

    /** A year (and month) as a day range, so that counting distinct visitors reads an index range. */
    private static List<Condition> asDayRange(ReportFilter filter, List<Condition> where) {
        if (filter.year() == null) {
            return where;
        }
        java.time.LocalDate first = java.time.LocalDate.of(filter.year(), filter.month() == null ? 1 : filter.month(),
                1);
        java.time.LocalDate last = filter.month() == null ? first.withDayOfYear(first.lengthOfYear())
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
            grid[row.intKey(0) - 1][row.intKey(1)] = row.sums()[0];
        }
        List<HeatCell> heatmap = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                heatmap.add(new HeatCell(day + 1, hour, grid[day][hour]));
            }
        }
        Map<String, long[]> days = new TreeMap<>();
        for (Row row : cubes.sum(Kind.VISITS, visitWhere, List.of(Col.DAY), List.of())) {
            days.computeIfAbsent(row.key(0), d -> new long[3])[0] = row.sums()[0];
        }
        Sales sales = sales(filter);
        for (Row row : cubes.sum(sales.kind(), sales.where(), List.of(Col.DAY), List.of())) {
            long[] day = days.computeIfAbsent(row.key(0), d -> new long[3]);
            day[1] = row.sums()[0];
            day[2] = row.sums()[sales.revenueIndex()];
        }
        List<DayPoint> daily = new ArrayList<>();
        days.forEach((day, sums) -> daily.add(new DayPoint(day, sums[0], sums[1], money(sums[2]))));
        return new Footfall(heatmap, daily);
    }

    public Demographics demographics(ReportFilter filter) {
        List<Row> visitorRows = cubes.sum(Kind.VISITS, filter.conditions(VISIT_COLUMNS), List.of(Col.AGE, Col.GENDER),
                List.of());
        long totalVisits = visitorRows.stream().mapToLong(r -> r.sums()[0]).sum();
        List<VisitorGroup> visitors = new ArrayList<>();
        visitorRows.forEach(r -> visitors.add(new VisitorGroup(r.key(0), r.key(1), r.sums()[0],
                share(r.sums()[0], totalVisits))));
        visitors.sort(Comparator.comparing(VisitorGroup::ageBand).thenComparing(VisitorGroup::gender));
        Sales sales = sales(filter);
        List<Row> buyerRows = cubes.sum(sales.kind(), sales.where(), List.of(Col.AGE, Col.GENDER), List.of());
        long totalOrders = buyerRows.stream().mapToLong(r -> r.sums()[0]).sum();
        List<BuyerGroup> buyers = new ArrayList<>();
        buyerRows.forEach(r -> buyers.add(new BuyerGroup(r.key(0), r.key(1), r.sums()[0],
                money(r.sums()[sales.revenueIndex()]), share(r.sums()[0], totalOrders))));
        buyers.sort(Comparator.comparing(BuyerGroup::ageBand).thenComparing(BuyerGroup::gender));
        return new Demographics(visitors, buyers);
    }

    public TopItems topItems(ReportFilter filter, int limit) {
        List<Row> rows = cubes.sum(Kind.ITEMS, filter.conditions(ITEM_COLUMNS),
                List.of(Col.AGE, Col.GENDER, Col.HOUR_BUCKET, Col.ITEM), List.of(Col.ITEM_NAME, Col.CATEGORY));
        Map<List<String>, List<ItemSales>> segments = new TreeMap<>(Comparator
                .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1))
                .thenComparing(k -> HourBuckets.order(k.get(2))));
        for (Row row : rows) {
            segments.computeIfAbsent(List.of(row.key(0), row.key(1), row.key(2)), k -> new ArrayList<>())
                    .add(itemSales(row, 3));
        }
        List<Segment> result = new ArrayList<>();
        segments.forEach((key, items) -> result.add(new Segment(key.get(0), key.get(1), key.get(2),
                items.stream().sorted(BEST_SELLING).limit(limit).toList())));
        return new TopItems(result);
    }

    /** Most units first, then most revenue, then item id: the ranking tests and the dashboard rely on. */
    public static final Comparator<ItemSales> BEST_SELLING = Comparator.comparingLong(ItemSales::quantity).reversed()
            .thenComparing(Comparator.comparing(ItemSales::revenue).reversed()).thenComparing(ItemSales::itemId);

    private static ItemSales itemSales(Row row, int itemIndex) {
        return new ItemSales(row.key(itemIndex), row.key(itemIndex + 1), row.key(itemIndex + 2), row.sums()[1],
                row.sums()[0], money(row.sums()[2]));
    }

    public ItemAgeMatrix itemAgeMatrix(ReportFilter filter) {
        List<Row> rows = cubes.sum(Kind.ITEMS, filter.conditions(ITEM_COLUMNS), List.of(Col.ITEM, Col.AGE),
                List.of(Col.ITEM_NAME, Col.CATEGORY));
        Set<String> bands = new TreeSet<>();
        Map<String, MatrixRowBuilder> items = new LinkedHashMap<>();
        for (Row row : rows) {
            bands.add(row.key(1));
            MatrixRowBuilder item = items.computeIfAbsent(row.key(0),
                    id -> new MatrixRowBuilder(id, row.key(2), row.key(3)));
            item.byBand.merge(row.key(1), row.sums()[1], Long::sum);
            item.total += row.sums()[1];
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

    public MenuPlacement menuPlacement(ReportFilter filter, int limit) {
        // Who visits when.
        Map<String, Map<String, Long>> mixBySlot = new HashMap<>();
        for (Row row : cubes.sum(Kind.VISITS, filter.conditions(VISIT_COLUMNS),
                List.of(Col.HOUR_BUCKET, Col.AGE, Col.GENDER), List.of())) {
            mixBySlot.computeIfAbsent(row.key(0), s -> new HashMap<>()).merge(row.key(1) + "|" + row.key(2),
                    row.sums()[0], Long::sum);
        }
        // What each segment buys, whenever it buys, and the store-wide mix as the prior.
        List<Condition> itemWhere = filter.conditions(ITEM_COLUMNS);
        Map<String, Map<String, Long>> bySegment = new HashMap<>();
        Map<String, Long> segmentTotals = new HashMap<>();
        Map<String, Long> overall = new TreeMap<>();
        Map<String, String[]> info = new HashMap<>();
        for (Row row : cubes.sum(Kind.ITEMS, itemWhere, List.of(Col.AGE, Col.GENDER, Col.ITEM),
                List.of(Col.ITEM_NAME, Col.CATEGORY))) {
            String segment = row.key(0) + "|" + row.key(1);
            long quantity = row.sums()[1];
            bySegment.computeIfAbsent(segment, s -> new HashMap<>()).merge(row.key(2), quantity, Long::sum);
            segmentTotals.merge(segment, quantity, Long::sum);
            overall.merge(row.key(2), quantity, Long::sum);
            info.put(row.key(2), new String[] { row.key(3), row.key(4) });
        }
        long overallTotal = overall.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Map<String, Long>> soldBySlot = new HashMap<>();
        for (Row row : cubes.sum(Kind.ITEMS, itemWhere, List.of(Col.HOUR_BUCKET, Col.ITEM), List.of())) {
            soldBySlot.computeIfAbsent(row.key(0), s -> new HashMap<>()).put(row.key(1), row.sums()[1]);
        }
        List<Slot> slots = new ArrayList<>();
        for (HourBuckets.Bucket bucket : HourBuckets.ALL) {
            Map<String, Long> mix = mixBySlot.getOrDefault(bucket.name(), Map.of());
            long visits = mix.values().stream().mapToLong(Long::longValue).sum();
            if (visits == 0 || overallTotal == 0) {
                continue;
            }
            List<Suggestion> suggestions = new ArrayList<>();
            for (Map.Entry<String, Long> item : overall.entrySet()) {
                double prior = item.getValue() / (double) overallTotal;
                double score = 0;
                for (Map.Entry<String, Long> segment : mix.entrySet()) {
                    long bought = bySegment.getOrDefault(segment.getKey(), Map.of()).getOrDefault(item.getKey(), 0L);
                    long segmentTotal = segmentTotals.getOrDefault(segment.getKey(), 0L);
                    double preference = (bought + PRIOR_WEIGHT * prior) / (segmentTotal + PRIOR_WEIGHT);
                    score += segment.getValue() / (double) visits * preference;
                }
                String[] details = info.get(item.getKey());
                suggestions.add(new Suggestion(item.getKey(), details[0], details[1], round(score),
                        soldBySlot.getOrDefault(bucket.name(), Map.of()).getOrDefault(item.getKey(), 0L)));
            }
            suggestions.sort(Comparator.comparingDouble(Suggestion::score).reversed()
                    .thenComparing(Suggestion::itemId));
            List<MixShare> topMix = mix.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .limit(3)
                    .map(e -> new MixShare(e.getKey().split("\\|")[0], e.getKey().split("\\|")[1],
                            share(e.getValue(), visits)))
                    .toList();
            slots.add(new Slot(bucket.name(), bucket.fromHour(), bucket.toHour(), visits, topMix,
                    suggestions.stream().limit(limit).toList()));
        }
        return new MenuPlacement(PLACEMENT_METHOD, slots);
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
            result.add(new LoyalCustomer(c.customerId(), c.tier(), c.vip(), c.ageBand(), c.gender(), c.visits(),
                    c.orders(), money(c.spendCents()),
                    c.lastVisitMs() == null ? null : Instant.ofEpochMilli(c.lastVisitMs()).toString()));
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
            LocalDate last = filter.month() == null ? first.withDayOfYear(first.lengthOfYear())
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
        return new Orders(orderFacts.recent(store, customerId, limit).stream().map(ReportService::attribution)
                .toList());
    }

    public OrderAttribution attribution(String orderId) {
        return orderFacts.find(orderId).map(ReportService::attribution)
                .orElseThrow(() -> ApiException.notFound("no order " + orderId + " in analytics (yet)"));
    }

    private static OrderAttribution attribution(OrderRow o) {
        return new OrderAttribution(o.orderId(), o.orderNumber(), o.storeId(), o.counterId(), o.counterCameraId(),
                Instant.ofEpochMilli(o.orderedMs()).toString(), o.status(), money(o.totalCents()), o.currency(),
                o.customerId() != null, o.customerId(), o.tier(), o.ageBand(), o.gender());
    }

    public Dimensions dimensions() {
        return new Dimensions(cubes.distinct(Kind.VISITS, Col.STORE), cubes.distinct(Kind.VISITS, Col.AGE),
                cubes.distinct(Kind.VISITS, Col.GENDER), cubes.distinct(Kind.VISITS, Col.TIER),
                cubes.distinct(Kind.CATEGORIES, Col.CATEGORY), cubes.distinct(Kind.ITEMS, Col.ITEM),
                cubes.distinct(Kind.VISITS, Col.YEAR).stream().map(Integer::valueOf).toList());
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
