package io.storesight.sales.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.storesight.common.config.StoreConfig;
import io.storesight.common.persistence.Writer;
import io.storesight.common.rest.ApiException;
import io.storesight.contracts.Ids;
import io.storesight.sales.MenuItem;
import io.storesight.sales.NewOrder;
import io.storesight.sales.Order;
import io.storesight.sales.OrderLine;
import io.storesight.sales.OrderQuery;
import io.storesight.sales.OrderStatus;
import io.storesight.sales.config.SalesConfig;
import io.storesight.sales.messaging.OrderOutbox;
import io.storesight.sales.persistence.MenuRepository;
import io.storesight.sales.persistence.OrderRepository;

/**
 * Takes, prices and cancels orders. Everything a request can get wrong is checked before the transaction starts or
 * inside it before the first write, and the order, its lines and its outbox event commit together: a refused or
 * failed request leaves nothing behind.
 */
@ApplicationScoped
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]+");
    private static final int MAX_PAGE = 500;

    private final MenuRepository menu;
    private final OrderRepository orders;
    private final OrderOutbox outbox;
    private final Writer writer;
    private final SalesConfig config;
    private final StoreConfig store;

    public OrderService(
            MenuRepository menu,
            OrderRepository orders,
            OrderOutbox outbox,
            Writer writer,
            SalesConfig config,
            StoreConfig store) {
        this.menu = menu;
        this.orders = orders;
        this.outbox = outbox;
        this.writer = writer;
        this.config = config;
        this.store = store;
    }

    /** The order, and whether it is a replay of an earlier request with the same Idempotency-Key. */
    public record Placed(Order order, boolean replayed) {}

    public Placed place(NewOrder request, String idempotencyKey) {
        Violations problems = new Violations();
        String key = checkIdempotencyKey(idempotencyKey, problems);
        String storeId =
                blank(request.storeId()) ? config.storeId() : request.storeId().trim();
        if (!Ids.valid(storeId)) {
            problems.add("storeId", "must be " + Ids.RULE);
        }
        String counterId = blank(request.counterId())
                ? config.defaultCounter()
                : request.counterId().trim();
        if (!config.counters().containsKey(counterId)) {
            throw new ApiException(
                    400,
                    "unknown counter '" + counterId + "'",
                    Map.of(
                            "counterId",
                            counterId,
                            "knownCounters",
                            List.copyOf(config.counters().keySet())));
        }
        Map<String, Integer> quantities = quantities(request.items(), problems);
        problems.throwIfAny("invalid order");

        String cameraId = config.counters().get(counterId).cameraId().orElse(null);
        String requestHash = fingerprint(storeId, counterId, quantities);
        Placed placed = writer.write(afterCommit -> {
            if (key != null) {
                var earlier = orders.findByIdempotencyKey(key);
                if (earlier.isPresent()) {
                    if (!earlier.get().requestHash().equals(requestHash)) {
                        throw new ApiException(
                                422,
                                "Idempotency-Key '" + key
                                        + "' was already used for a different order; use a new key for a new order",
                                Map.of("orderId", earlier.get().orderId()));
                    }
                    return new Placed(orders.find(earlier.get().orderId()).orElseThrow(), true);
                }
            }
            List<OrderLine> lines = price(quantities);
            BigDecimal total = lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
            Order draft = new Order(
                    UUID.randomUUID().toString(),
                    0,
                    storeId,
                    counterId,
                    cameraId,
                    OrderStatus.PLACED,
                    lines,
                    total,
                    store.currency(),
                    now(),
                    null);
            long number = orders.insert(draft, key, requestHash);
            Order order = new Order(
                    draft.id(),
                    number,
                    storeId,
                    counterId,
                    cameraId,
                    OrderStatus.PLACED,
                    lines,
                    total,
                    draft.currency(),
                    draft.orderedAt(),
                    null);
            outbox.placed(order);
            return new Placed(order, false);
        });
        if (!placed.replayed()) {
            Order order = placed.order();
            LOG.infof(
                    "order #%d placed at %s (camera %s): %d line(s), %s %s",
                    order.number(),
                    order.counterId(),
                    order.counterCameraId() == null ? "none" : order.counterCameraId(),
                    order.items().size(),
                    order.total().toPlainString(),
                    order.currency());
        }
        return placed;
    }

    public Order get(String id) {
        return orders.find(id).orElseThrow(() -> ApiException.notFound("no order '" + id + "'"));
    }

    public List<Order> list(OrderQuery query) {
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw ApiException.badRequest("'from' must be before 'to'");
        }
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw ApiException.badRequest("'limit' must be between 1 and " + MAX_PAGE);
        }
        if (query.offset() < 0) {
            throw ApiException.badRequest("'offset' must not be negative");
        }
        return orders.list(query);
    }

    public Order cancel(String id) {
        Order cancelled = writer.write(afterCommit -> {
            Order order = get(id);
            if (order.status() == OrderStatus.CANCELLED) {
                throw ApiException.conflict("order " + order.number() + " is already cancelled");
            }
            Instant now = now();
            orders.markCancelled(id, now);
            Order result = new Order(
                    order.id(),
                    order.number(),
                    order.storeId(),
                    order.counterId(),
                    order.counterCameraId(),
                    OrderStatus.CANCELLED,
                    order.items(),
                    order.total(),
                    order.currency(),
                    order.orderedAt(),
                    now);
            outbox.cancelled(result);
            return result;
        });
        LOG.infof("order #%d cancelled", cancelled.number());
        return cancelled;
    }

    /** Menu item id → quantity, duplicates merged, in the order first given. */
    private Map<String, Integer> quantities(List<NewOrder.Line> items, Violations problems) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            problems.add("items", "must contain at least one item");
            return quantities;
        }
        if (items.size() > config.limits().maxLines()) {
            problems.add("items", "must have at most " + config.limits().maxLines() + " lines");
            return quantities;
        }
        int max = config.limits().maxQuantity();
        for (int i = 0; i < items.size(); i++) {
            NewOrder.Line line = items.get(i);
            String field = "items[" + i + "]";
            if (line == null) {
                problems.add(field, "must not be null");
            } else if (blank(line.menuItemId())) {
                problems.add(field + ".menuItemId", "is required");
            } else if (line.quantity() == null) {
                problems.add(field + ".quantity", "is required");
            } else if (line.quantity() < 1 || line.quantity() > max) {
                problems.add(field + ".quantity", "must be between 1 and " + max);
            } else {
                quantities.merge(line.menuItemId().trim(), line.quantity().intValue(), Integer::sum);
            }
        }
        quantities.forEach((id, quantity) -> {
            if (quantity > max) {
                problems.add("items", "'" + id + "' adds up to " + quantity + "; at most " + max + " of one item");
            }
        });
        return quantities;
    }

    private List<OrderLine> price(Map<String, Integer> quantities) {
        Map<String, MenuItem> items = menu.findAll(quantities.keySet());
        Map<String, Object> unavailable = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>(quantities.size());
        quantities.forEach((id, quantity) -> {
            MenuItem item = items.get(id);
            if (item == null) {
                unavailable.put(id, "not on the menu");
                messages.add("'" + id + "' is not on the menu");
            } else if (!item.active()) {
                unavailable.put(id, "no longer available");
                messages.add(item.name() + " is no longer available");
            } else if (!item.currency().equals(store.currency())) {
                unavailable.put(id, "priced in " + item.currency() + ", not " + store.currency());
                messages.add(item.name() + " is priced in " + item.currency());
            } else {
                lines.add(new OrderLine(item.id(), item.name(), item.category(), quantity, item.price()));
            }
        });
        if (!unavailable.isEmpty()) {
            throw new ApiException(422, String.join("; ", messages), Map.of("unavailable", unavailable));
        }
        return lines;
    }

    private String checkIdempotencyKey(String key, Violations problems) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty()
                || key.length() > config.limits().maxIdempotencyKeyLength()
                || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            problems.add(
                    "Idempotency-Key",
                    "must be 1-" + config.limits().maxIdempotencyKeyLength() + " visible ASCII characters");
        }
        return key;
    }

    /** Identifies what was asked for, so a reused Idempotency-Key with a different order is caught. */
    private static String fingerprint(String storeId, String counterId, Map<String, Integer> quantities) {
        StringBuilder canonical = new StringBuilder(storeId).append('\n').append(counterId);
        new TreeMap<>(quantities)
                .forEach((id, quantity) ->
                        canonical.append('\n').append(id).append('=').append(quantity));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Milliseconds, as stored: the event and a later read of the order carry the same instant. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
