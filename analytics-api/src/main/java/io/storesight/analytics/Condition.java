package io.storesight.analytics;

/** One filter term on a cube or fact column: {@code column op ?}. */
public record Condition(Col col, String op, Object value) {
    public static Condition eq(Col col, Object value) {
        return new Condition(col, "=", value);
    }

    /** The terms' values, in order: the parameters of their SQL. */
    public static Object[] values(java.util.List<Condition> terms) {
        return terms.stream().map(Condition::value).toArray();
    }
}
