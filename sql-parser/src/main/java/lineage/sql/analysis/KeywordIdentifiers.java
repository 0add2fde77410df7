package lineage.sql.analysis;

import java.util.Set;

/**
 * Words the grammar reserves but Trino lets people use as names ({@code final}, {@code data}, {@code value}...). When
 * the grammar stops at such a word, the statement is tried again with every use of it quoted.
 */
final class KeywordIdentifiers {
    /** Words that shape a statement: quoting one of them would change what the statement means. */
    private static final Set<String> STRUCTURAL = Set.of(
            "SELECT",
            "FROM",
            "WHERE",
            "GROUP",
            "BY",
            "ORDER",
            "HAVING",
            "JOIN",
            "ON",
            "AS",
            "AND",
            "OR",
            "NOT",
            "IN",
            "IS",
            "NULL",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "END",
            "UNION",
            "ALL",
            "DISTINCT",
            "INSERT",
            "INTO",
            "VALUES",
            "UPDATE",
            "SET",
            "DELETE",
            "MERGE",
            "USING",
            "WITH",
            "CREATE",
            "TABLE",
            "VIEW",
            "LIMIT",
            "OFFSET",
            "LEFT",
            "RIGHT",
            "INNER",
            "OUTER",
            "FULL",
            "CROSS",
            "EXISTS",
            "BETWEEN",
            "LIKE",
            "INTERSECT",
            "EXCEPT",
            "MATCHED",
            "OVER",
            "PARTITION",
            "WINDOW",
            "LATERAL",
            "NATURAL",
            "RETURNING",
            "FETCH",
            "DROP",
            "ALTER");

    private KeywordIdentifiers() {}

    static boolean isCandidate(Token token) {
        return token.kind() == Token.Kind.WORD && !STRUCTURAL.contains(token.keyword());
    }

    /** The statement's grammar text with every word token equal to {@code word} quoted. */
    static String quote(String text, StatementText statement, String word) {
        StringBuilder quoted = new StringBuilder(text.length() + 16);
        int copied = 0;
        for (Token token : statement.tokens()) {
            int start = token.start() - statement.offset();
            int end = token.end() - statement.offset();
            if (token.kind() == Token.Kind.WORD
                    && token.text().equalsIgnoreCase(word)
                    && text.regionMatches(start, token.text(), 0, token.text().length())) {
                quoted.append(text, copied, start)
                        .append('"')
                        .append(token.text())
                        .append('"');
                copied = end;
            }
        }
        return quoted.append(text, copied, text.length()).toString();
    }
}
