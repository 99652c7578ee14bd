package io.storesight.analytics.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.analytics.Occupancy;
import io.storesight.analytics.Occupancy.Count;
import io.storesight.analytics.Occupancy.Point;
import io.storesight.analytics.Occupancy.StoreOccupancy;
import io.storesight.analytics.persistence.OccupancySamples;
import io.storesight.analytics.persistence.OccupancySamples.Sample;
import io.storesight.common.config.StoreConfig;

/** "Inside now" and the day's curve per store, from identity's OCCUPANCY events. */
@ApplicationScoped
public class OccupancyService {
    /** Identity repeats an unchanged count every minute: a count older than this is no longer "now". */
    static final Duration CURRENT_FOR = Duration.ofSeconds(150);

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final OccupancySamples samples;
    private final StoreConfig store;
    private final Clock clock = Clock.systemUTC();

    public OccupancyService(OccupancySamples samples, StoreConfig store) {
        this.samples = samples;
        this.store = store;
    }

    /** Every store's (or {@code storeId}'s) count now and its curve of {@code date} (null: today, store-local). */
    public Occupancy occupancy(String storeId, LocalDate date) {
        ZoneId zone = store.timeZone();
        Instant now = clock.instant();
        LocalDate day = date != null ? date : LocalDate.ofInstant(now, zone);
        long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        List<StoreOccupancy> stores = new ArrayList<>();
        for (Sample latest : samples.latest(storeId)) {
            List<Point> curve = samples.between(latest.storeId(), from, to).stream()
                    .map(s -> new Point(
                            HOUR_MINUTE.format(
                                    Instant.ofEpochMilli(s.minuteMs()).atZone(zone)),
                            Instant.ofEpochMilli(s.atMs()).toString(),
                            s.inside(),
                            s.peak()))
                    .toList();
            Count count = new Count(
                    Instant.ofEpochMilli(latest.atMs()).toString(),
                    latest.inside(),
                    latest.customers(),
                    latest.visitors());
            boolean current = now.toEpochMilli() - latest.atMs() <= CURRENT_FOR.toMillis();
            stores.add(new StoreOccupancy(latest.storeId(), count, current, curve));
        }
        return new Occupancy(day.toString(), zone.getId(), stores);
    }
}
