package io.storesight.analytics;

import java.util.List;

/** A report flattened to rows: what CSV downloads carry. */
public record Table(List<String> columns, List<List<Object>> rows) {

    /** A report that can be downloaded as CSV. */
    public interface Tabular {
        Table table();
    }

    /** RFC 4180: quote fields holding separators, quotes or line breaks; a leading formula sign is neutralised. */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(columns));
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            String text = value == null ? "" : value.toString();
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
                text = "'" + text;
            }
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                text = "\"" + text.replace("\"", "\"\"") + "\"";
            }
            out.append(text);
        }
        out.append("\r\n");
    }
}
