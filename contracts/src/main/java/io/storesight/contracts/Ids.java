package io.storesight.contracts;

import java.util.regex.Pattern;

/**
 * The one pattern of every id a person or a program chooses (store, camera, counter, customer, visit, order, menu
 * item): 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit. Ids end up in URLs, SQL, logs and
 * pages; this pattern keeps markup, quotes, spaces and control characters out of all of them, so every service
 * checks an id with it where the id enters (a request, a setting, an event).
 */
public final class Ids {
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    /** What a refusal says the id must be. */
    public static final String RULE = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static boolean valid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /** {@code id}, or an {@link IllegalArgumentException} naming the field and the rule. */
    public static String require(String field, String id) {
        if (!valid(id)) {
            throw new IllegalArgumentException(field + " must be " + RULE + " (got " + shown(id) + ")");
        }
        return id;
    }

    /** The id quoted for a message, cut short and with control characters replaced. */
    public static String shown(String id) {
        if (id == null) {
            return "nothing";
        }
        String clean = id.length() > 80 ? id.substring(0, 80) + "…" : id;
        return "'" + clean.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private Ids() {}
}
