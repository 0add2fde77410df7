package lineage.server.impact;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lineage.sql.ColumnLineage;
import lineage.sql.ColumnRef;
import lineage.sql.ParseOptions;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import lineage.sql.TableRef;

/**
 * What a stored SQL statement reads, from the SQL parser: the tables, and the columns of those tables it uses in any
 * way (its DIRECT and INDIRECT column lineage). A plain SELECT has no outputs and so no column lineage; it is read as
 * the query of a {@code CREATE TABLE … AS}, which gives its column uses the same way.
 */
final class SqlReferences {
    private static final SqlLineageParser PARSER = new SqlLineageParser();

    private final String sql;
    private final Optional<SqlLineage> lineage;

    private SqlReferences(String sql, Optional<SqlLineage> lineage) {
        this.sql = sql;
        this.lineage = lineage;
    }

    static SqlReferences of(String sql) {
        return of(sql, ParseOptions.DEFAULT_TIME_BUDGET);
    }

    /** Each of the (up to two) parses within {@code budget}; one not done in time counts as unparsable. */
    static SqlReferences of(String sql, Duration budget) {
        ParseOptions options = ParseOptions.defaults().withTimeBudget(budget);
        SqlLineage lineage = PARSER.parse(sql, options);
        if (lineage.error().isPresent()) {
            return new SqlReferences(sql, Optional.empty());
        }
        if (lineage.outputs().isEmpty() && !lineage.inputs().isEmpty()) {
            SqlLineage probe = PARSER.parse("CREATE TABLE impact_probe AS\n" + sql, options);
            if (probe.error().isEmpty()) {
                lineage = probe;
            }
        }
        return new SqlReferences(sql, Optional.of(lineage));
    }

    /** Whether the parser could read the statement (else nothing is known of the columns it uses). */
    boolean parsed() {
        return lineage.isPresent();
    }

    /** Whether the statement defines a view. */
    boolean definesView() {
        return Pattern.compile("^\\s*create\\s+(or\\s+replace\\s+)?view\\b", Pattern.CASE_INSENSITIVE)
                .matcher(withoutComments())
                .find();
    }

    /** Whether it reads the table ({@code catalog.schema.table}; a name written with fewer parts matches its end). */
    boolean readsTable(String table) {
        return lineage.map(parsed -> parsed.inputs().stream().anyMatch(input -> matches(input, table)))
                .orElse(false);
    }

    /** Whether it uses the column of the table, in any way. */
    boolean readsColumn(String table, String column) {
        return lineage.map(parsed -> columnsRead(parsed).stream()
                        .anyMatch(read -> read.name().equalsIgnoreCase(column) && matches(read.table(), table)))
                .orElse(false);
    }

    /** The first line that names the identifier, outside comments and strings. */
    Optional<SqlLine> lineNaming(String identifier) {
        Pattern name = Pattern.compile(
                "(?<![\\w$])\"?" + Pattern.quote(identifier) + "\"?(?![\\w$])", Pattern.CASE_INSENSITIVE);
        String[] code = withoutComments().split("\n", -1);
        String[] original = sql.split("\n", -1);
        for (int index = 0; index < code.length; index++) {
            Matcher matcher = name.matcher(code[index]);
            if (matcher.find()) {
                return Optional.of(new SqlLine(index + 1, original[index].strip()));
            }
        }
        return Optional.empty();
    }

    private static Set<ColumnRef> columnsRead(SqlLineage lineage) {
        Set<ColumnRef> read = new LinkedHashSet<>();
        for (ColumnLineage edge : lineage.columnLineage()) {
            read.add(edge.input());
        }
        return read;
    }

    private static boolean matches(TableRef ref, String table) {
        String[] parts = table.toLowerCase(Locale.ROOT).split("\\.");
        if (parts.length != 3 || !ref.name().equalsIgnoreCase(parts[2])) {
            return false;
        }
        return ref.schema().map(schema -> schema.equalsIgnoreCase(parts[1])).orElse(true)
                && ref.catalog()
                        .map(catalog -> catalog.equalsIgnoreCase(parts[0]))
                        .orElse(true);
    }

    /**
     * The SQL with comments and string literals blanked out (line breaks kept, so line numbers stay), for finding names
     * in code only.
     */
    private String withoutComments() {
        StringBuilder code = new StringBuilder(sql.length());
        int position = 0;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            int end;
            if (sql.startsWith("--", position)) {
                end = sql.indexOf('\n', position);
                end = end < 0 ? sql.length() : end;
            } else if (sql.startsWith("/*", position)) {
                end = sql.indexOf("*/", position + 2);
                end = end < 0 ? sql.length() : end + 2;
            } else if (c == '\'') {
                end = sql.indexOf('\'', position + 1);
                end = end < 0 ? sql.length() : end + 1;
            } else {
                code.append(c);
                position++;
                continue;
            }
            for (int blank = position; blank < end; blank++) {
                code.append(sql.charAt(blank) == '\n' ? '\n' : ' ');
            }
            position = end;
        }
        return code.toString();
    }
}
