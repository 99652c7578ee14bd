package io.storesight.analytics.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.storesight.analytics.ReportFilter;
import io.storesight.analytics.config.AnalyticsConfig;
import io.storesight.analytics.persistence.CubeRepository;
import io.storesight.analytics.persistence.CustomerFacts;
import io.storesight.analytics.persistence.Leaderboard;
import io.storesight.analytics.persistence.OccupancySamples;
import io.storesight.analytics.persistence.OrderFacts;
import io.storesight.analytics.persistence.SightingFacts;
import io.storesight.analytics.persistence.VisitFacts;
import io.storesight.analytics.service.IngestService;
import io.storesight.analytics.service.ReportService;
import io.storesight.common.config.StoreConfig;
import io.storesight.common.persistence.Jdbc;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.VisitEvent;

/**
 * Loads a year of a busy store (default 1,000,000 visits, each with a counter sighting and an order: 1,000,000
 * orders) through {@link IngestService} into a SQLite file, then times every report with several filters and prints
 * p50/p95. Not a test. Run: {@code ./mvnw -o -pl analytics-api -am test -DskipTests -Dbench=analytics-api
 * -Dexec.args="--visits 1000000 --db analytics-api/target/bench.db"} (exec:java runs where Maven was started);
 * {@code --reuse} times an already loaded file again.
 */
public final class ReportBenchmark {
    private static final List<String> AGE_BANDS = List.of("10-19", "20-29", "30-39", "40-49", "50-59", "60+");
    private static final List<String> GENDERS = List.of("FEMALE", "MALE");
    private static final String[][] MENU = {
        {"m-coffee", "drinks", "3.20"},
        {"m-tea", "drinks", "2.50"},
        {"m-juice", "drinks", "3.80"},
        {"m-latte", "drinks", "3.90"},
        {"m-croissant", "bakery", "2.40"},
        {"m-bagel", "bakery", "3.10"},
        {"m-muffin", "bakery", "2.90"},
        {"m-sandwich", "food", "6.50"},
        {"m-salad", "food", "7.20"},
        {"m-soup", "food", "5.40"},
        {"m-wrap", "food", "6.10"},
        {"m-cookie", "snacks", "1.50"},
        {"m-brownie", "snacks", "2.20"},
        {"m-water", "drinks", "1.20"},
        {"m-smoothie", "drinks", "4.50"},
        {"m-toast", "bakery", "3.30"},
        {"m-pasta", "food", "8.90"},
        {"m-cake", "snacks", "3.60"},
        {"m-icetea", "drinks", "2.80"},
        {"m-donut", "bakery", "1.90"}
    };

    public static void main(String[] args) throws Exception {
        int visits = 1_000_000;
        Path db = Path.of("analytics-api", "target", "bench.db");
        boolean reuse = false;
        int rounds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--visits" -> visits = Integer.parseInt(args[++i]);
                case "--db" -> db = Path.of(args[++i]);
                case "--reuse" -> reuse = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String url = "jdbc:sqlite:" + db
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&jdbc.get_generated_keys=false&cache_size=-262144&temp_store=MEMORY";
        if (!reuse) {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            Files.createDirectories(db.toAbsolutePath().getParent());
        }
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            DataSource dataSource = singleConnection(connection);
            AnalyticsConfig config = new AnalyticsConfig() {
                @Override
                public Duration attributionWindow() {
                    return Duration.ofSeconds(60);
                }

                @Override
                public Duration maxSighting() {
                    return Duration.ofHours(2);
                }

                @Override
                public Duration processedEventsRetention() {
                    return Duration.ofDays(14);
                }

                @Override
                public Duration occupancyRetention() {
                    return Duration.ofDays(90);
                }
            };
            StoreConfig store = new StoreConfig() {
                @Override
                public String currency() {
                    return "EUR";
                }

                @Override
                public ZoneId timeZone() {
                    return ZoneOffset.UTC;
                }
            };
            Jdbc jdbc = Jdbc.standalone(dataSource);
            CustomerFacts customers = new CustomerFacts(jdbc);
            VisitFacts visitFacts = new VisitFacts(jdbc);
            OrderFacts orders = new OrderFacts(jdbc);
            CubeRepository cubes = new CubeRepository(jdbc);
            if (!reuse) {
                load(
                        new IngestService(
                                customers,
                                visitFacts,
                                new SightingFacts(jdbc),
                                orders,
                                cubes,
                                new OccupancySamples(jdbc, null),
                                config,
                                store),
                        connection,
                        visits);
            }
            connection.commit();
            connection.setAutoCommit(true);
            measure(new ReportService(cubes, customers, visitFacts, orders, new Leaderboard(jdbc)), rounds);
        }
    }

    /** Each visit: started, a counter sighting (start, end), an order during it, ended. One order per visit. */
    private static void load(IngestService ingest, Connection connection, int visits) throws SQLException {
        Random random = new Random(42);
        int customers = Math.max(100, visits / 50);
        String[] ages = new String[customers];
        String[] genders = new String[customers];
        int[] counts = new int[customers];
        for (int c = 0; c < customers; c++) {
            ages[c] = AGE_BANDS.get(random.nextInt(AGE_BANDS.size()));
            genders[c] = GENDERS.get(random.nextInt(2));
        }
        int days = 365;
        int perDay = (int) Math.ceil(visits / (double) days);
        Instant first = LocalDate.of(2025, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long started = System.nanoTime();
        long events = 0;
        int made = 0;
        for (int day = 0; day < days && made < visits; day++) {
            // Opening hours 07:00-21:00: visits spread evenly, about 18 s apart at 2,740 a day.
            long spacing = 14 * 3600_000L / perDay;
            for (int v = 0; v < perDay && made < visits; v++, made++) {
                int c = (int) Math.floor(Math.pow(random.nextDouble(), 2) * customers);
                int number = ++counts[c];
                String tier = number >= 10 ? "VIP" : number >= 5 ? "LOYAL" : number >= 2 ? "REGULAR" : "NEW";
                String customer = "c-" + c;
                Instant start =
                        first.plus(Duration.ofDays(day)).plusSeconds(7 * 3600).plusMillis(v * spacing);
                Instant counter = start.plusSeconds(30);
                Instant end = start.plusSeconds(300 + random.nextInt(1200));
                String visitId = "v-" + made;
                String sighting = "s-" + made;
                ingest.apply(visit(
                        VisitEvent.Type.VISIT_STARTED,
                        customer,
                        visitId,
                        null,
                        start,
                        null,
                        number,
                        tier,
                        ages[c],
                        genders[c]));
                ingest.apply(visit(
                        VisitEvent.Type.SIGHTING_STARTED,
                        customer,
                        visitId,
                        sighting,
                        counter,
                        null,
                        number,
                        tier,
                        ages[c],
                        genders[c]));
                ingest.apply(visit(
                        VisitEvent.Type.SIGHTING_ENDED,
                        customer,
                        visitId,
                        sighting,
                        counter,
                        counter.plusSeconds(12),
                        number,
                        tier,
                        ages[c],
                        genders[c]));
                ingest.apply(order("o-" + made, counter.plusSeconds(6), random, ages[c]));
                ingest.apply(visit(
                        VisitEvent.Type.VISIT_ENDED,
                        customer,
                        visitId,
                        null,
                        start,
                        end,
                        number,
                        tier,
                        ages[c],
                        genders[c]));
                events += 5;
                if (made % 1000 == 999) {
                    ingest.completeBatch();
                    connection.commit();
                }
                if (made % 100_000 == 99_999) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "loaded %,d visits and orders (%,d events) in %.0f s: %,.0f events/s%n",
                            made + 1, events, seconds, events / seconds);
                }
            }
        }
        ingest.completeBatch();
        connection.commit();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "LOAD %,d visits, %,d orders, %,d events in %.0f s (%,.0f events/s)%n",
                made, made, events, seconds, events / seconds);
    }

    private static VisitEvent visit(
            VisitEvent.Type type,
            String customer,
            String visitId,
            String sighting,
            Instant start,
            Instant end,
            int number,
            String tier,
            String age,
            String gender) {
        return new VisitEvent(
                UUID.randomUUID().toString(),
                type,
                1,
                end == null ? start : end,
                customer,
                visitId,
                sighting,
                "store-1",
                sighting == null ? null : "cam-counter",
                sighting == null ? null : "counter",
                number,
                number == 1,
                tier,
                "VIP".equals(tier),
                age,
                gender,
                start,
                end,
                end == null ? null : (end.toEpochMilli() - start.toEpochMilli()) / 1000.0);
    }

    private static OrderEvent order(String id, Instant at, Random random, String age) {
        List<OrderEvent.Item> items = new ArrayList<>();
        int lines = 1 + random.nextInt(3);
        int taste = AGE_BANDS.indexOf(age) * 3;
        BigDecimal total = BigDecimal.ZERO;
        List<String> used = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            String[] item = MENU[
                    random.nextDouble() < 0.5
                            ? (taste + random.nextInt(4)) % MENU.length
                            : random.nextInt(MENU.length)];
            if (used.contains(item[0])) {
                continue;
            }
            used.add(item[0]);
            int quantity = 1 + random.nextInt(2);
            BigDecimal price = new BigDecimal(item[2]);
            items.add(new OrderEvent.Item(item[0], item[0].substring(2), item[1], quantity, price));
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
        return new OrderEvent(
                UUID.randomUUID().toString(),
                OrderEvent.Type.ORDER_PLACED,
                1,
                at,
                id,
                0,
                "store-1",
                "counter-1",
                "cam-counter",
                at,
                items,
                total,
                "EUR");
    }

    private static void measure(ReportService reports, int rounds) {
        Map<String, ReportFilter> filters = new LinkedHashMap<>();
        filters.put("all time", ReportFilter.NONE);
        filters.put("year+month", filter(Map.of("year", "2025", "month", "6")));
        filters.put("from/to 30 days", filter(Map.of("from", "2025-09-01", "to", "2025-09-30")));
        filters.put("ageBand+gender", filter(Map.of("ageBand", "20-29", "gender", "FEMALE")));
        filters.put("weekday+hour", filter(Map.of("weekday", "6", "hour", "12")));
        filters.put("category", filter(Map.of("category", "drinks")));
        filters.put(
                "from/to+ageBand+tier",
                filter(Map.of("from", "2025-03-01", "to", "2025-05-31", "ageBand", "30-39", "tier", "VIP")));
        Map<String, java.util.function.Function<ReportFilter, Object>> all = new LinkedHashMap<>();
        all.put("summary", reports::summary);
        all.put("footfall", reports::footfall);
        all.put("demographics", reports::demographics);
        all.put("top-items", f -> reports.topItems(f, 5));
        all.put("item-age-matrix", reports::itemAgeMatrix);
        all.put("menu-placement", f -> reports.menuPlacement(f, 5));
        all.put("loyal-customers", f -> reports.loyalCustomers(f, 20));
        System.out.printf("%-16s %-22s %8s %8s %8s%n", "report", "filter", "p50 ms", "p95 ms", "max ms");
        List<Double> overall = new ArrayList<>();
        for (Map.Entry<String, java.util.function.Function<ReportFilter, Object>> report : all.entrySet()) {
            List<Double> reportTimes = new ArrayList<>();
            for (Map.Entry<String, ReportFilter> filter : filters.entrySet()) {
                double[] times = time(() -> report.getValue().apply(filter.getValue()), rounds);
                for (double t : times) {
                    reportTimes.add(t);
                }
                System.out.printf(
                        "%-16s %-22s %8.1f %8.1f %8.1f%n",
                        report.getKey(),
                        filter.getKey(),
                        percentile(times, 50),
                        percentile(times, 95),
                        times[times.length - 1]);
            }
            double[] sorted = reportTimes.stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            overall.addAll(reportTimes);
            System.out.printf(
                    "REPORT %-16s all filters: p50 %.1f ms, p95 %.1f ms%n",
                    report.getKey(), percentile(sorted, 50), percentile(sorted, 95));
        }
        double[] sorted =
                overall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                "OVERALL p50 %.1f ms, p95 %.1f ms over %d calls%n",
                percentile(sorted, 50), percentile(sorted, 95), sorted.length);
        leaderboardWindows(reports, rounds);
    }

    /**
     * The leaderboard under more time windows than the common seven: with a time filter it counts from the fact rows,
     * by day for a short date range, customer by customer otherwise (Leaderboard).
     */
    private static void leaderboardWindows(ReportService reports, int rounds) {
        Map<String, ReportFilter> windows = new LinkedHashMap<>();
        windows.put("from/to 7 days", filter(Map.of("from", "2025-09-01", "to", "2025-09-07")));
        windows.put("from/to 30 days", filter(Map.of("from", "2025-09-01", "to", "2025-09-30")));
        windows.put("year+month", filter(Map.of("year", "2025", "month", "6")));
        windows.put("from/to 3 months", filter(Map.of("from", "2025-03-01", "to", "2025-05-31")));
        windows.put("year", filter(Map.of("year", "2025")));
        windows.put("month (any year)", filter(Map.of("month", "6")));
        windows.put("weekday", filter(Map.of("weekday", "3")));
        windows.put("hour", filter(Map.of("hour", "12")));
        windows.put("weekday+hour", filter(Map.of("weekday", "6", "hour", "12")));
        windows.put("year+ageBand+gender", filter(Map.of("year", "2025", "ageBand", "20-29", "gender", "FEMALE")));
        List<Double> all = new ArrayList<>();
        for (Map.Entry<String, ReportFilter> window : windows.entrySet()) {
            double[] times = time(() -> reports.loyalCustomers(window.getValue(), 20), rounds);
            for (double t : times) {
                all.add(t);
            }
            System.out.printf(
                    "LEADERBOARD %-22s %8.1f %8.1f %8.1f%n",
                    window.getKey(), percentile(times, 50), percentile(times, 95), times[times.length - 1]);
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                "LEADERBOARD all windows: p50 %.1f ms, p95 %.1f ms over %d calls%n",
                percentile(sorted, 50), percentile(sorted, 95), sorted.length);
    }

    private static ReportFilter filter(Map<String, String> params) {
        return ReportFilter.parse(params);
    }

    private static double[] time(Supplier<Object> call, int rounds) {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        double[] times = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            call.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times;
    }

    private static double percentile(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The service layer opens and closes connections per call; here they all share one, so batches commit once. */
    private static DataSource singleConnection(Connection connection) {
        InvocationHandler shared = (proxy, method, methodArgs) -> {
            if (method.getName().equals("close")) {
                return null;
            }
            return method.invoke(connection, methodArgs);
        };
        Connection handle = (Connection) Proxy.newProxyInstance(
                ReportBenchmark.class.getClassLoader(), new Class<?>[] {Connection.class}, shared);
        return (DataSource) Proxy.newProxyInstance(
                ReportBenchmark.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "getConnection" -> handle;
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "isWrapperFor" -> false;
                    default -> null;
                });
    }

    private ReportBenchmark() {}
}
