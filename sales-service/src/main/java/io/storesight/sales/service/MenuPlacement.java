package io.storesight.sales.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.storesight.common.config.StoreConfig;
import io.storesight.common.security.Accounts;
import io.storesight.common.security.Role;
import io.storesight.sales.MenuCategory;
import io.storesight.sales.MenuItem;
import io.storesight.sales.config.SalesConfig;

/**
 * The order page's menu in analytics' placement order ({@code storesight.sales.placement-sort}): within each
 * category, the items analytics ranks highest for the current day part come first, the rest follow in menu order.
 * The report is read with the viewer login and kept for {@code placement-cache}; when analytics cannot be reached
 * (or gives no ranking for the day part) the menu keeps its own order, and the page works as ever.
 */
@ApplicationScoped
public class MenuPlacement {
    private static final Logger LOG = Logger.getLogger(MenuPlacement.class);
    /** After a failed fetch, the page does not wait on analytics again for this long (or the cache time if shorter). */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Suggestions per day part asked for: enough to rank a whole menu. */
    private static final int RANKED = 200;

    /** The part of analytics' {@code menu-placement} report that ordering needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Report(List<Slot> slots) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Slot(String hourBucket, int fromHour, int toHour, List<Suggestion> suggestions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Suggestion(String itemId) {}

    /** What the page got: the categories, and the day part whose ranking ordered them (empty: menu order). */
    public record Arranged(List<MenuCategory> categories, Optional<String> dayPart) {}

    private record Fetched(Report report, Instant at) {}

    private final SalesConfig config;
    private final StoreConfig store;
    private final Accounts accounts;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock = Clock.systemUTC();
    private Fetched cached;
    private Instant failedAt;

    public MenuPlacement(SalesConfig config, StoreConfig store, Accounts accounts, ObjectMapper json) {
        this.config = config;
        this.store = store;
        this.accounts = accounts;
        this.json = json;
    }

    public Arranged arrange(List<MenuCategory> categories) {
        if (!config.placementSort()) {
            return new Arranged(categories, Optional.empty());
        }
        int hour = clock.instant().atZone(store.timeZone()).getHour();
        Optional<Slot> slot = report().flatMap(r -> r.slots().stream()
                        .filter(s -> hour >= s.fromHour() && hour < s.toHour())
                        .findFirst())
                .filter(s -> s.suggestions() != null && !s.suggestions().isEmpty());
        if (slot.isEmpty()) {
            return new Arranged(categories, Optional.empty());
        }
        Map<String, Integer> rank = new HashMap<>();
        List<Suggestion> suggestions = slot.get().suggestions();
        for (int i = 0; i < suggestions.size(); i++) {
            rank.putIfAbsent(suggestions.get(i).itemId(), i);
        }
        List<MenuCategory> sorted = new ArrayList<>();
        for (MenuCategory category : categories) {
            // List.sort is stable: unranked items keep their menu order, after the ranked ones.
            List<MenuItem> items = new ArrayList<>(category.items());
            items.sort(Comparator.comparingInt(item -> rank.getOrDefault(item.id(), Integer.MAX_VALUE)));
            sorted.add(new MenuCategory(category.name(), items));
        }
        return new Arranged(sorted, Optional.of(slot.get().hourBucket()));
    }

    private synchronized Optional<Report> report() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.at().plus(config.placementCache()))) {
            return Optional.of(cached.report());
        }
        Duration retryAfter =
                config.placementCache().compareTo(RETRY_AFTER) < 0 ? config.placementCache() : RETRY_AFTER;
        if (failedAt != null && now.isBefore(failedAt.plus(retryAfter))) {
            return Optional.empty();
        }
        try {
            Report report = fetch();
            cached = new Fetched(report, now);
            failedAt = null;
            return Optional.of(report);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failedAt = now;
            LOG.warnf("menu placement unavailable, the order page keeps the menu order: %s", e.toString());
            return Optional.empty();
        }
    }

    private Report fetch() throws Exception {
        Accounts.Account viewer = accounts.account(Role.VIEWER)
                .orElseThrow(() -> new IllegalStateException(
                        "no viewer login (" + Role.VIEWER.passwordVariable() + ") to read analytics' reports with"));
        URI uri = URI.create(config.analyticsUrl().replaceAll("/+$", "") + "/api/v1/reports/menu-placement?store="
                + config.storeId() + "&limit=" + RANKED);
        String credentials = Base64.getEncoder()
                .encodeToString((viewer.user() + ":" + viewer.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + credentials)
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        Report report = json.readValue(response.body(), Report.class);
        if (report.slots() == null) {
            throw new IllegalStateException(uri + " answered no slots");
        }
        return report;
    }
}
