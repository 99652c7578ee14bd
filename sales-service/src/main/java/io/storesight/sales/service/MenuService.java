package io.storesight.sales.service;

import java.math.BigDecimal;
import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.storesight.common.config.StoreConfig;
import io.storesight.common.persistence.Writer;
import io.storesight.common.rest.ApiException;
import io.storesight.sales.MenuCategory;
import io.storesight.sales.MenuItem;
import io.storesight.sales.persistence.MenuRepository;

/** The menu an admin manages: validation rules live here so the REST API and the admin page share them. */
@ApplicationScoped
public class MenuService {
    private static final Logger LOG = Logger.getLogger(MenuService.class);
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final BigDecimal MAX_PRICE = new BigDecimal("100000");

    private final MenuRepository menu;
    private final Writer writer;
    private final StoreConfig store;

    public MenuService(MenuRepository menu, Writer writer, StoreConfig store) {
        this.menu = menu;
        this.writer = writer;
        this.store = store;
    }

    public List<MenuItem> list(boolean activeOnly) {
        return menu.list(activeOnly);
    }

    /** Active items grouped by category; categories appear in the order of their first item's sort order. */
    public List<MenuCategory> activeByCategory() {
        Map<String, List<MenuItem>> categories = new LinkedHashMap<>();
        for (MenuItem item : menu.list(true)) {
            categories.computeIfAbsent(item.category(), c -> new ArrayList<>()).add(item);
        }
        return categories.entrySet().stream()
                .map(e -> new MenuCategory(e.getKey(), e.getValue()))
                .toList();
    }

    public MenuItem get(String id) {
        return menu.find(id).orElseThrow(() -> ApiException.notFound("no menu item '" + id + "'"));
    }

    /** {@code draft.id()} may be null: the id is then derived from the name ("Flat White" → "flat-white"). */
    public MenuItem create(MenuItem draft) {
        String id = draft.id() == null || draft.id().isBlank() ? slug(draft.name()) : draft.id();
        MenuItem item = validated(id, draft);
        writer.run(afterCommit -> {
            if (menu.find(id).isPresent()) {
                throw ApiException.conflict("a menu item with id '" + id + "' already exists");
            }
            menu.insert(item);
        });
        LOG.infof("menu item %s added: %s at %s", id, item.name(), item.price().toPlainString());
        return item;
    }

    public MenuItem update(String id, MenuItem draft) {
        if (draft.id() != null && !draft.id().isBlank() && !draft.id().equals(id)) {
            throw ApiException.badRequest(
                    "the body's id '" + draft.id() + "' does not match the path's '" + id + "'; ids cannot be changed");
        }
        MenuItem item = validated(id, draft);
        writer.run(afterCommit -> {
            if (!menu.update(item)) {
                throw ApiException.notFound("no menu item '" + id + "'");
            }
        });
        LOG.infof(
                "menu item %s updated: %s at %s%s",
                id, item.name(), item.price().toPlainString(), item.active() ? "" : ", not on sale");
        return item;
    }

    public void delete(String id) {
        writer.run(afterCommit -> {
            if (!menu.delete(id)) {
                throw ApiException.notFound("no menu item '" + id + "'");
            }
        });
        LOG.infof("menu item %s removed", id);
    }

    private MenuItem validated(String id, MenuItem draft) {
        Violations problems = new Violations();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("id", "must be 1-64 lower-case letters, digits or '-', starting with a letter or digit");
        }
        String name = trimmed(draft.name());
        checkText(problems, "name", name, 80, true);
        String category = trimmed(draft.category());
        checkText(problems, "category", category, 40, true);
        String description = trimmed(draft.description());
        checkText(problems, "description", description, 500, false);
        String imageUrl = trimmed(draft.imageUrl());
        if (imageUrl != null && !imageUrl.isEmpty() && !validImageUrl(imageUrl)) {
            problems.add("imageUrl", "must be an http(s) URL or a path starting with '/' (at most 500 characters)");
        }
        String currency = draft.currency() == null || draft.currency().isBlank()
                ? store.currency()
                : draft.currency().trim();
        if (!currency.equals(store.currency())) {
            problems.add("currency", "must be " + store.currency() + ", the currency this store sells in");
        }
        BigDecimal price = draft.price();
        int fractionDigits = store.currencyDigits();
        if (price == null) {
            problems.add("price", "is required");
        } else if (price.signum() < 0 || price.compareTo(MAX_PRICE) >= 0) {
            problems.add("price", "must be at least 0 and less than " + MAX_PRICE);
        } else if (price.stripTrailingZeros().scale() > Math.max(fractionDigits, 0)) {
            problems.add("price", "must have at most " + fractionDigits + " decimal places in " + store.currency());
        }
        problems.throwIfAny("invalid menu item");
        return new MenuItem(
                id,
                name,
                category,
                price.setScale(Math.max(fractionDigits, 0)),
                currency,
                draft.active(),
                draft.sortOrder(),
                empty(description),
                empty(imageUrl),
                Instant.now());
    }

    private static void checkText(Violations problems, String field, String value, int max, boolean required) {
        if (required && (value == null || value.isEmpty())) {
            problems.add(field, "is required");
        } else if (value != null && value.length() > max) {
            problems.add(field, "must be at most " + max + " characters");
        } else if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            problems.add(field, "must not contain control characters");
        }
    }

    private static boolean validImageUrl(String url) {
        if (url.length() > 500) {
            return false;
        }
        if (url.startsWith("/") && !url.startsWith("//")) {
            return true;
        }
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String slug(String name) {
        if (name == null) {
            return null;
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
