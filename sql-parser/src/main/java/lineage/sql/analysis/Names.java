package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/** Name normalisation: identifiers are unquoted and lower-cased, as Trino folds them in its metadata. */
final class Names {
    private Names() {}

    /** {@code "Order Id"} → {@code order id}; {@code Orders} → {@code orders}. */
    static String normalize(String identifier) {
        return unquote(identifier.strip()).toLowerCase(Locale.ROOT);
    }

    /** {@code "Order ""Id"""} → {@code Order "Id"}: a quoted identifier's name, case kept; others as they are. */
    static String unquote(String identifier) {
        if (identifier.length() >= 2) {
            char first = identifier.charAt(0);
            char last = identifier.charAt(identifier.length() - 1);
            if (first == '"' && last == '"') {
                return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
            } else if (first == '`' && last == '`') {
                return identifier.substring(1, identifier.length() - 1).replace("``", "`");
            } else if (first == '[' && last == ']') {
                return identifier.substring(1, identifier.length() - 1);
            }
        }
        return identifier;
    }

    /** The table's name parts, outermost first ({@code [catalog, schema, table]} for a three-part name). */
    static List<String> parts(Table table) {
        List<String> reversed = table.getNameParts();
        List<String> parts = new ArrayList<>(reversed.size());
        for (int index = reversed.size() - 1; index >= 0; index--) {
            String part = reversed.get(index);
            if (part != null && !part.isEmpty()) {
                parts.add(normalize(part));
            }
        }
        return parts;
    }

    /** The column's qualifier parts and then its name, outermost first. */
    static List<String> parts(Column column) {
        List<String> parts = new ArrayList<>(4);
        if (column.getTable() != null) {
            parts.addAll(parts(column.getTable()));
        }
        parts.add(normalize(column.getColumnName()));
        return parts;
    }
}
