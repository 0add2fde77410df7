package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tables of a statement the grammar cannot parse, from its tokens alone: names after FROM, JOIN, USING,
 * INTO, UPDATE and the like. Comments and strings are already gone (they are not tokens of this kind), and a name
 * that a visible CTE defines is not a table. It answers tables only, never columns.
 */
final class FallbackScanner {
    private static final Set<String> READ_AFTER = Set.of("FROM", "JOIN", "USING");
    private static final Set<String> WRITE_AFTER = Set.of("INTO", "UPDATE", "OVERWRITE");
    private static final Set<String> LIST_ENDS = Set.of(
            "WHERE",
            "GROUP",
            "HAVING",
            "ORDER",
            "LIMIT",
            "UNION",
            "EXCEPT",
            "INTERSECT",
            "WINDOW",
            "QUALIFY",
            "ON",
            "SET",
            "SELECT",
            "VALUES",
            "OFFSET",
            "FETCH",
            "RETURNING",
            "WHEN",
            "MATCH_RECOGNIZE",
            "LATERAL");
    private static final Set<String> DANGLING = Set.of(
            "SELECT",
            "FROM",
            "WHERE",
            "JOIN",
            "ON",
            "AND",
            "OR",
            "NOT",
            "BY",
            "AS",
            "INTO",
            "SET",
            "VALUES",
            "WITH",
            "UNION",
            "EXCEPT",
            "INTERSECT",
            "HAVING",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "USING",
            "IN",
            "IS",
            "LIKE");
    private static final Set<String> DANGLING_SYMBOLS =
            Set.of(",", ".", "=", "<", ">", "<=", ">=", "<>", "!=", "+", "-", "*", "/", "||", "(", "=>", "->", "::");

    private static final Set<String> BINARY_OPERATORS =
            Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "+", "/", "||", "%");

    private final List<Token> tokens;
    private final List<Cte> ctes = new ArrayList<>();

    private record Cte(String name, int from, int to) {}

    /** Tables found, each with whether the statement writes it. */
    record Found(List<String> parts, boolean written) {}

    private FallbackScanner(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * The first token that shows the statement is incomplete or malformed (something dangles at the end, a list or a
     * clause is left empty), if any.
     */
    static Optional<Token> implausibleToken(List<Token> tokens) {
        for (int index = 1; index < tokens.size(); index++) {
            Token previous = tokens.get(index - 1);
            Token token = tokens.get(index);
            if (previous.isSymbol(",")
                    && (token.isSymbol(",")
                            || token.isSymbol(")")
                            || LIST_ENDS.contains(token.keyword())
                            || token.isWord("FROM"))) {
                return Optional.of(token);
            }
            if ((previous.isWord("FROM") || previous.isWord("JOIN") || previous.isWord("SELECT"))
                    && (LIST_ENDS.contains(token.keyword()) || token.isWord("FROM"))) {
                return Optional.of(token);
            }
            boolean afterOperator = previous.isWord("AND")
                    || previous.isWord("OR")
                    || (previous.kind() == Token.Kind.SYMBOL && BINARY_OPERATORS.contains(previous.text()));
            if (afterOperator
                    && (token.isWord("AND")
                            || token.isWord("OR")
                            || token.isSymbol(")")
                            || token.isSymbol(",")
                            || LIST_ENDS.contains(token.keyword()))) {
                return Optional.of(token);
            }
        }
        Token last = tokens.get(tokens.size() - 1);
        if (DANGLING.contains(last.keyword())
                || (last.kind() == Token.Kind.SYMBOL && DANGLING_SYMBOLS.contains(last.text()))) {
            return Optional.of(last);
        }
        return Optional.empty();
    }

    static List<Found> scan(List<Token> tokens) {
        return new FallbackScanner(tokens).scan();
    }

    private List<Found> scan() {
        findCtes();
        List<Found> found = new ArrayList<>();
        boolean inFromList = false;
        int fromDepth = 0;
        int depth = 0;
        for (int index = 0; index < tokens.size(); index++) {
            Token token = tokens.get(index);
            if (token.isSymbol("(")) {
                depth++;
                continue;
            }
            if (token.isSymbol(")")) {
                depth--;
                if (depth < fromDepth) {
                    inFromList = false;
                }
                continue;
            }
            String keyword = token.keyword();
            boolean reads = READ_AFTER.contains(keyword);
            boolean writes = WRITE_AFTER.contains(keyword) || (keyword.equals("FROM") && isDeleteFrom(index));
            boolean listed = inFromList && depth == fromDepth && token.isSymbol(",");
            if (LIST_ENDS.contains(keyword) && depth == fromDepth) {
                inFromList = false;
            }
            if (!reads && !writes && !listed) {
                continue;
            }
            if (keyword.equals("FROM")) {
                inFromList = true;
                fromDepth = depth;
            }
            Optional<List<String>> parts = name(index + 1);
            if (parts.isPresent()
                    && !(parts.get().size() == 1 && isCte(parts.get().get(0), index))) {
                found.add(new Found(parts.get(), writes));
            }
        }
        return found;
    }

    private boolean isDeleteFrom(int index) {
        return index > 0 && tokens.get(index - 1).isWord("DELETE");
    }

    /** A table name at {@code index}: a qualified name not followed by {@code (} (that would be a function). */
    private Optional<List<String>> name(int index) {
        int at = index;
        if (at < tokens.size() && tokens.get(at).isWord("TABLE")) {
            at++;
        }
        if (at >= tokens.size()
                || !tokens.get(at).isIdentifier()
                || LIST_ENDS.contains(tokens.get(at).keyword())) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        parts.add(Names.normalize(tokens.get(at).text()));
        while (at + 2 < tokens.size()
                && tokens.get(at + 1).isSymbol(".")
                && tokens.get(at + 2).isIdentifier()) {
            at += 2;
            parts.add(Names.normalize(tokens.get(at).text()));
        }
        if (at + 1 < tokens.size() && tokens.get(at + 1).isSymbol("(")) {
            return Optional.empty();
        }
        return Optional.of(parts);
    }

    /** {@code name [(columns)] AS (} after WITH or a comma: a CTE visible from its body's end to its level's end. */
    private void findCtes() {
        for (int index = 0; index + 2 < tokens.size(); index++) {
            Token token = tokens.get(index);
            if (!(token.isWord("WITH") || token.isWord("RECURSIVE") || token.isSymbol(","))) {
                continue;
            }
            int at = index + 1;
            if (!tokens.get(at).isIdentifier()) {
                continue;
            }
            String name = Names.normalize(tokens.get(at).text());
            at++;
            if (at < tokens.size() && tokens.get(at).isSymbol("(")) {
                at = Rewrites.closingParen(tokens, at) + 1;
            }
            if (at + 1 < tokens.size()
                    && tokens.get(at).isWord("AS")
                    && tokens.get(at + 1).isSymbol("(")) {
                int bodyEnd = Rewrites.closingParen(tokens, at + 1);
                ctes.add(new Cte(name, bodyEnd, levelEnd(index)));
            }
        }
    }

    private int levelEnd(int index) {
        int depth = 0;
        for (int at = index; at < tokens.size(); at++) {
            if (tokens.get(at).isSymbol("(")) {
                depth++;
            } else if (tokens.get(at).isSymbol(")") && --depth < 0) {
                return at;
            }
        }
        return tokens.size();
    }

    private boolean isCte(String name, int index) {
        return ctes.stream().anyMatch(cte -> cte.name().equals(name) && index > cte.from() && index < cte.to());
    }
}
