package io.storesight.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.storesight.analytics.Table.Tabular;

/** The reports' JSON shapes, each with its CSV rows. Money is in major units; shares are 0..1. */
public final class Reports {

    /**
     * Footfall counts everyone who passed ({@code visits}): identified customers' visits and anonymous visitors'
     * passes. New and returning shares are of the customers' visits; conversion is orders per visit of anyone.
     */
    public record Summary(
            long visits,
            long anonymousVisits,
            long customerVisits,
            long uniqueCustomers,
            long newVisits,
            long returningVisits,
            double newShare,
            double returningShare,
            long orders,
            BigDecimal revenue,
            double conversion,
            BigDecimal averageOrderValue,
            double averageDwellSeconds)
            implements Tabular {
        @Override
        public Table table() {
            return new Table(
                    List.of(
                            "visits",
                            "anonymousVisits",
                            "customerVisits",
                            "uniqueCustomers",
                            "newVisits",
                            "returningVisits",
                            "newShare",
                            "returningShare",
                            "orders",
                            "revenue",
                            "conversion",
                            "averageOrderValue",
                            "averageDwellSeconds"),
                    List.of(List.of(
                            visits,
                            anonymousVisits,
                            customerVisits,
                            uniqueCustomers,
                            newVisits,
                            returningVisits,
                            newShare,
                            returningShare,
                            orders,
                            revenue,
                            conversion,
                            averageOrderValue,
                            averageDwellSeconds)));
        }
    }

    public record HeatCell(int weekday, int hour, long visits) {}

    public record DayPoint(String day, long visits, long orders, BigDecimal revenue) {}

    public record Footfall(List<HeatCell> heatmap, List<DayPoint> daily) implements Tabular {
        @Override
        public Table table() {
            List<List<Object>> rows = new ArrayList<>();
            heatmap.forEach(c -> rows.add(List.of("heatmap", "", c.weekday(), c.hour(), c.visits(), "", "")));
            daily.forEach(d -> rows.add(List.of("daily", d.day(), "", "", d.visits(), d.orders(), d.revenue())));
            return new Table(List.of("series", "day", "weekday", "hour", "visits", "orders", "revenue"), rows);
        }
    }

    public record VisitorGroup(String ageBand, String gender, long visits, double share) {}

    public record BuyerGroup(String ageBand, String gender, long orders, BigDecimal revenue, double share) {}

    public record Demographics(List<VisitorGroup> visitors, List<BuyerGroup> buyers) implements Tabular {
        @Override
        public Table table() {
            List<List<Object>> rows = new ArrayList<>();
            visitors.forEach(v -> rows.add(List.of("visitors", v.ageBand(), v.gender(), v.visits(), "", v.share())));
            buyers.forEach(
                    b -> rows.add(List.of("buyers", b.ageBand(), b.gender(), b.orders(), b.revenue(), b.share())));
            return new Table(List.of("group", "ageBand", "gender", "count", "revenue", "share"), rows);
        }
    }

    public record ItemSales(
            String itemId, String name, String category, long quantity, long orders, BigDecimal revenue) {}

    public record Segment(String ageBand, String gender, String hourBucket, List<ItemSales> items) {}

    public record TopItems(List<Segment> segments) implements Tabular {
        @Override
        public Table table() {
            List<List<Object>> rows = new ArrayList<>();
            for (Segment s : segments) {
                for (int i = 0; i < s.items().size(); i++) {
                    ItemSales item = s.items().get(i);
                    rows.add(List.of(
                            s.ageBand(),
                            s.gender(),
                            s.hourBucket(),
                            i + 1,
                            item.itemId(),
                            item.name(),
                            item.category(),
                            item.quantity(),
                            item.orders(),
                            item.revenue()));
                }
            }
            return new Table(
                    List.of(
                            "ageBand",
                            "gender",
                            "hourBucket",
                            "rank",
                            "itemId",
                            "name",
                            "category",
                            "quantity",
                            "orders",
                            "revenue"),
                    rows);
        }
    }

    public record MatrixRow(
            String itemId, String name, String category, Map<String, Long> quantityByAgeBand, long total) {}

    public record ItemAgeMatrix(List<String> ageBands, List<MatrixRow> items) implements Tabular {
        @Override
        public Table table() {
            List<String> columns = new ArrayList<>(List.of("itemId", "name", "category"));
            columns.addAll(ageBands);
            columns.add("total");
            List<List<Object>> rows = new ArrayList<>();
            for (MatrixRow item : items) {
                List<Object> row = new ArrayList<>(List.of(item.itemId(), item.name(), item.category()));
                ageBands.forEach(band -> row.add(item.quantityByAgeBand().getOrDefault(band, 0L)));
                row.add(item.total());
                rows.add(row);
            }
            return new Table(columns, rows);
        }
    }

    public record MixShare(String ageBand, String gender, double share) {}

    public record Suggestion(String itemId, String name, String category, double score, long soldInSlot) {}

    public record Slot(
            String hourBucket,
            int fromHour,
            int toHour,
            long visits,
            List<MixShare> visitorMix,
            List<Suggestion> suggestions) {}

    public record MenuPlacement(String method, List<Slot> slots) implements Tabular {
        @Override
        public Table table() {
            List<List<Object>> rows = new ArrayList<>();
            for (Slot slot : slots) {
                for (int i = 0; i < slot.suggestions().size(); i++) {
                    Suggestion s = slot.suggestions().get(i);
                    rows.add(List.of(
                            slot.hourBucket(), i + 1, s.itemId(), s.name(), s.category(), s.score(), s.soldInSlot()));
                }
            }
            return new Table(List.of("hourBucket", "rank", "itemId", "name", "category", "score", "soldInSlot"), rows);
        }
    }

    /** With a time filter the counts are the window's and lastVisit its last visit (null: only ordered in it). */
    public record LoyalCustomer(
            String customerId,
            String tier,
            boolean vip,
            String ageBand,
            String gender,
            long visits,
            long orders,
            BigDecimal spend,
            String lastVisit) {}

    public record LoyalCustomers(List<LoyalCustomer> customers) implements Tabular {
        @Override
        public Table table() {
            List<List<Object>> rows = new ArrayList<>();
            // lastVisit may be null (ordered in the window without visiting in it): an empty field.
            customers.forEach(c -> rows.add(Arrays.asList(
                    c.customerId(),
                    c.tier(),
                    c.vip(),
                    c.ageBand(),
                    c.gender(),
                    c.visits(),
                    c.orders(),
                    c.spend(),
                    c.lastVisit())));
            return new Table(
                    List.of("customerId", "tier", "vip", "ageBand", "gender", "visits", "orders", "spend", "lastVisit"),
                    rows);
        }
    }

    /** Who an order went to; customerId null and "unknown" demographics when nobody was sighted (or erased). */
    public record OrderAttribution(
            String orderId,
            long orderNumber,
            String storeId,
            String counterId,
            String counterCameraId,
            String orderedAt,
            String status,
            BigDecimal total,
            String currency,
            boolean attributed,
            String customerId,
            String tier,
            String ageBand,
            String gender) {}

    public record Orders(List<OrderAttribution> orders) implements Tabular {
        @Override
        public Table table() {
            List<List<Object>> rows = new ArrayList<>();
            orders.forEach(o -> rows.add(java.util.Arrays.asList(
                    o.orderId(),
                    o.orderNumber(),
                    o.storeId(),
                    o.counterId(),
                    o.counterCameraId(),
                    o.orderedAt(),
                    o.status(),
                    o.total(),
                    o.currency(),
                    o.attributed(),
                    o.customerId(),
                    o.tier(),
                    o.ageBand(),
                    o.gender())));
            return new Table(
                    List.of(
                            "orderId",
                            "orderNumber",
                            "storeId",
                            "counterId",
                            "counterCameraId",
                            "orderedAt",
                            "status",
                            "total",
                            "currency",
                            "attributed",
                            "customerId",
                            "tier",
                            "ageBand",
                            "gender"),
                    rows);
        }
    }

    public record Dimensions(
            List<String> stores,
            List<String> ageBands,
            List<String> genders,
            List<String> tiers,
            List<String> categories,
            List<String> items,
            List<Integer> years) {}

    private Reports() {}
}
