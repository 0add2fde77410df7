package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides from a statement's tokens how it is analysed (see {@link Route}), and prepares the text the grammar gets.
 * DDL without a query and utility statements never reach the grammar: their answer is in their first few tokens.
 */
final class StatementRouter {
    private static final Set<String> NO_LINEAGE = Set.of(
            "SHOW",
            "DESCRIBE",
            "DESC",
            "SET",
            "RESET",
            "START",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
            "ABORT",
            "END",
            "SAVEPOINT",
            "RELEASE",
            "GRANT",
            "REVOKE",
            "DENY",
            "PREPARE",
            "DEALLOCATE",
            "EXECUTE",
            "CALL",
            "ANALYZE",
            "VACUUM",
            "DECLARE",
            "LOCK",
            "MSCK",
            "CACHE",
            "UNCACHE",
            "ADD",
            "LIST",
            "KILL",
            "CHECKPOINT",
            "LISTEN",
            "NOTIFY",
            "DISCARD",
            "REINDEX",
            "CLUSTER",
            "FLUSH",
            "OPTIMIZE");
    private static final Set<String> CREATE_MODIFIERS = Set.of(
            "OR",
            "REPLACE",
            "TEMP",
            "TEMPORARY",
            "UNLOGGED",
            "EXTERNAL",
            "TRANSIENT",
            "GLOBAL",
            "LOCAL",
            "VOLATILE",
            "SECURE",
            "RECURSIVE",
            "MULTISET",
            "SET");
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM");

    private final List<Token> tokens;

    private StatementRouter(StatementText statement) {
        this.tokens = statement.tokens();
    }

    static Route route(StatementText statement, List<int[]> comments) {
        Rewriter rewriter = new Rewriter(statement);
        for (int[] comment : comments) {
            rewriter.blank(comment[0], comment[1]);
        }
        return new StatementRouter(statement).route(0, rewriter);
    }

    private Route route(int start, Rewriter rewriter) {
        Token first = tokens.get(start);
        if (first.isSymbol("(")) {
            return parse(start, rewriter, Optional.empty(), List.of());
        }
        if (first.kind() != Token.Kind.WORD) {
            return new Route.Invalid(first, "a statement cannot start with '" + first.text() + "'");
        }
        String keyword = first.keyword();
        if (NO_LINEAGE.contains(keyword)) {
            return new Route.NoLineage();
        }
        return switch (keyword) {
            case "SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPSERT", "UPDATE", "DELETE", "MERGE" -> parse(
                    start, rewriter, Optional.empty(), List.of());
            case "USE" -> use(start);
            case "CREATE" -> create(start, rewriter);
            case "DROP" -> drop(start);
            case "ALTER" -> alter(start);
            case "TRUNCATE" -> named(skipWords(start + 1, "TABLE"));
            case "COMMENT" -> comment(start);
            case "REFRESH" -> refresh(start);
            case "EXPLAIN" -> explain(start, rewriter);
            default -> new Route.Invalid(first, "unknown statement '" + first.text() + "'");
        };
    }

    private Route parse(int start, Rewriter rewriter, Optional<Route.TokenName> target, List<String> columns) {
        if (start > 0) {
            rewriter.blank(tokens.get(0), tokens.get(start - 1));
        }
        Rewrites.apply(tokens, start, rewriter);
        return new Route.Parse(rewriter.text(), target, columns, rewriter.notes(), rewriter.matchRecognizes());
    }

    private Route use(int start) {
        Optional<Route.TokenName> name = name(start + 1);
        if (name.isEmpty() || name.get().parts().size() > 2 || end(start + 1) != tokens.size()) {
            return new Route.Invalid(tokens.get(Math.min(start + 1, tokens.size() - 1)), "USE needs [catalog.]schema");
        }
        return new Route.Use(name.get());
    }

    private Route create(int start, Rewriter rewriter) {
        int index = start + 1;
        while (index < tokens.size()
                && CREATE_MODIFIERS.contains(tokens.get(index).keyword())) {
            index++;
        }
        if (index >= tokens.size()) {
            return invalidEnd();
        }
        String object = tokens.get(index).keyword();
        if (object.equals("MATERIALIZED") && isWord(index + 1, "VIEW")) {
            index++;
            object = "VIEW";
        }
        if (!object.equals("TABLE") && !object.equals("VIEW")) {
            return new Route.NoLineage();
        }
        int nameIndex = skipIfNotExists(index + 1);
        Optional<Route.TokenName> name = name(nameIndex);
        if (name.isEmpty()) {
            return invalidAt(nameIndex, "a table name");
        }
        int afterName = end(nameIndex);
        int query = queryStart(afterName);
        if (query < 0) {
            return object.equals("TABLE") ? new Route.Ddl(List.of(name.get())) : invalidAt(afterName, "AS query");
        }
        List<String> columns = columnAliases(afterName);
        blankTrailingWithData(rewriter);
        return parse(query, rewriter, name, columns);
    }

    /** The index of the query after a top-level {@code AS} at or after {@code from}, or -1. */
    private int queryStart(int from) {
        int depth = 0;
        for (int index = from; index < tokens.size() - 1; index++) {
            Token token = tokens.get(index);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && token.isWord("AS")) {
                Token next = tokens.get(index + 1);
                if (QUERY_STARTS.contains(next.keyword()) || next.isSymbol("(")) {
                    return index + 1;
                }
            }
        }
        return -1;
    }

    /** {@code (a, b)} right after the created name: the column names of a CTAS or view; types make it no list. */
    private List<String> columnAliases(int index) {
        if (index >= tokens.size() || !tokens.get(index).isSymbol("(")) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int at = index + 1; at < tokens.size(); at += 2) {
            Token token = tokens.get(at);
            Token separator = at + 1 < tokens.size() ? tokens.get(at + 1) : token;
            if (!token.isIdentifier() || !(separator.isSymbol(",") || separator.isSymbol(")"))) {
                return List.of();
            }
            names.add(Names.normalize(token.text()));
            if (separator.isSymbol(")")) {
                return names;
            }
        }
        return List.of();
    }

    private void blankTrailingWithData(Rewriter rewriter) {
        int size = tokens.size();
        if (size >= 3 && tokens.get(size - 1).isWord("DATA")) {
            if (tokens.get(size - 2).isWord("WITH")) {
                rewriter.blank(tokens.get(size - 2), tokens.get(size - 1));
            } else if (tokens.get(size - 2).isWord("NO") && tokens.get(size - 3).isWord("WITH")) {
                rewriter.blank(tokens.get(size - 3), tokens.get(size - 1));
            }
        }
    }

    private Route drop(int start) {
        int index = start + 1;
        if (isWord(index, "MATERIALIZED")) {
            index++;
        }
        if (!isWord(index, "TABLE") && !isWord(index, "VIEW")) {
            return new Route.NoLineage();
        }
        index = skipIfExists(index + 1);
        List<Route.TokenName> names = new ArrayList<>();
        while (true) {
            Optional<Route.TokenName> name = name(index);
            if (name.isEmpty()) {
                return invalidAt(index, "a table name");
            }
            names.add(name.get());
            index = end(index);
            if (index < tokens.size() && tokens.get(index).isSymbol(",")) {
                index++;
            } else {
                return new Route.Ddl(names);
            }
        }
    }

    private Route alter(int start) {
        int index = start + 1;
        if (isWord(index, "MATERIALIZED")) {
            index++;
        }
        if (!isWord(index, "TABLE") && !isWord(index, "VIEW")) {
            return new Route.NoLineage();
        }
        index = skipIfExists(index + 1);
        if (isWord(index, "ONLY")) {
            index++;
        }
        Optional<Route.TokenName> name = name(index);
        if (name.isEmpty()) {
            return invalidAt(index, "a table name");
        }
        int after = end(index);
        if (after >= tokens.size()) {
            return invalidEnd();
        }
        if (isWord(after, "RENAME") && isWord(after + 1, "TO")) {
            Optional<Route.TokenName> newName = name(after + 2);
            if (newName.isEmpty()) {
                return invalidAt(after + 2, "the new table name");
            }
            return new Route.Ddl(List.of(name.get(), newName.get()));
        }
        return new Route.Ddl(List.of(name.get()));
    }

    private Route comment(int start) {
        if (!isWord(start + 1, "ON")) {
            return invalidAt(start + 1, "ON");
        }
        int index = start + 2;
        if (isWord(index, "MATERIALIZED")) {
            index++;
        }
        boolean column = isWord(index, "COLUMN");
        if (!column && !isWord(index, "TABLE") && !isWord(index, "VIEW")) {
            return new Route.NoLineage();
        }
        Optional<Route.TokenName> name = name(index + 1);
        if (name.isEmpty() || (column && name.get().parts().size() < 2)) {
            return invalidAt(index + 1, column ? "table.column" : "a table name");
        }
        if (!column) {
            return new Route.Ddl(List.of(name.get()));
        }
        List<String> parts = name.get().parts();
        return new Route.Ddl(List.of(new Route.TokenName(
                parts.subList(0, parts.size() - 1), name.get().at())));
    }

    private Route refresh(int start) {
        if (isWord(start + 1, "MATERIALIZED") && isWord(start + 2, "VIEW")) {
            return named(start + 3);
        }
        return new Route.NoLineage();
    }

    private Route explain(int start, Rewriter rewriter) {
        int index = start + 1;
        if (index < tokens.size() && tokens.get(index).isSymbol("(")) {
            index = Rewrites.closingParen(tokens, index) + 1;
        }
        if (!isWord(index, "ANALYZE")) {
            return new Route.NoLineage();
        }
        index++;
        if (isWord(index, "VERBOSE")) {
            index++;
        }
        if (index >= tokens.size()) {
            return invalidEnd();
        }
        rewriter.blank(tokens.get(0), tokens.get(index - 1));
        return route(index, rewriter);
    }

    private Route named(int index) {
        Optional<Route.TokenName> name = name(index);
        return name.isPresent() ? new Route.Ddl(List.of(name.get())) : invalidAt(index, "a table name");
    }

    /** A qualified name starting at {@code index}. */
    private Optional<Route.TokenName> name(int index) {
        if (index >= tokens.size() || !tokens.get(index).isIdentifier()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(3);
        int at = index;
        while (true) {
            parts.add(Names.normalize(tokens.get(at).text()));
            if (at + 2 < tokens.size()
                    && tokens.get(at + 1).isSymbol(".")
                    && tokens.get(at + 2).isIdentifier()) {
                at += 2;
            } else {
                return Optional.of(new Route.TokenName(parts, tokens.get(index)));
            }
        }
    }

    /** The index after the qualified name starting at {@code index}. */
    private int end(int index) {
        int at = index;
        while (at + 2 < tokens.size()
                && tokens.get(at + 1).isSymbol(".")
                && tokens.get(at + 2).isIdentifier()) {
            at += 2;
        }
        return at + 1;
    }

    private int skipIfNotExists(int index) {
        return isWord(index, "IF") && isWord(index + 1, "NOT") && isWord(index + 2, "EXISTS") ? index + 3 : index;
    }

    private int skipIfExists(int index) {
        return isWord(index, "IF") && isWord(index + 1, "EXISTS") ? index + 2 : index;
    }

    private int skipWords(int index, String word) {
        return isWord(index, word) ? index + 1 : index;
    }

    private boolean isWord(int index, String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    private Route invalidAt(int index, String expected) {
        if (index >= tokens.size()) {
            return invalidEnd();
        }
        Token token = tokens.get(index);
        return new Route.Invalid(token, "expected " + expected + " but found '" + token.text() + "'");
    }

    private Route invalidEnd() {
        return new Route.Invalid(tokens.get(tokens.size() - 1), "unexpected end of statement");
    }
}
