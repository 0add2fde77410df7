package lineage.server.trino;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a SQL statement, apart from what changes between runs of the same statement: comments are dropped,
 * string and numeric literals become {@code ?}, unquoted words are lower-cased and whitespace is one space between
 * tokens. So a nightly INSERT with a new date literal keeps its fingerprint. A small tokenizer of its own, because it
 * must never fail: an unterminated string or comment runs to the end of the text.
 */
public final class SqlFingerprints {
    private static final Set<String> READS = Set.of("select", "with", "values", "table", "(");
    private static final Set<String> VERBS = Set.of(
            "insert",
            "merge",
            "update",
            "delete",
            "truncate",
            "use",
            "show",
            "describe",
            "explain",
            "call",
            "analyze",
            "grant",
            "revoke",
            "deny",
            "set",
            "reset",
            "commit",
            "rollback",
            "start",
            "prepare",
            "execute",
            "deallocate",
            "comment",
            "refresh");
    private static final Set<String> OBJECT_PREFIXES = Set.of("or", "replace", "materialized", "if", "not", "exists");

    private SqlFingerprints() {}

    /** The normalised tokens joined by one space, without a trailing {@code ;}. */
    public static String normalise(String sql) {
        List<String> tokens = tokens(sql);
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals(";")) {
            tokens.remove(tokens.size() - 1);
        }
        return String.join(" ", tokens);
    }

    /** The SHA-256 of {@link #normalise}, as 64 lower-case hex digits. */
    public static String fingerprint(String sql) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(normalise(sql).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("every JVM has SHA-256", exception);
        }
    }

    /**
     * The statement's kind from its leading words: {@code select} for a query, {@code insert}, {@code merge},
     * {@code update}, {@code delete}, {@code use}, …, and for DDL the verb and its object ({@code create_table},
     * {@code create_view}, {@code drop_table}). {@code query} when it starts with no verb Trino knows (a syntax error).
     */
    public static String statementKind(String sql) {
        List<String> tokens = tokens(sql);
        if (tokens.isEmpty()) {
            return "query";
        }
        String first = tokens.get(0);
        if (READS.contains(first)) {
            return "select";
        }
        if (!isWord(first)) {
            return "query";
        }
        if (first.equals("create") || first.equals("drop") || first.equals("alter")) {
            for (String token : tokens.subList(1, tokens.size())) {
                if (!OBJECT_PREFIXES.contains(token)) {
                    return isWord(token) ? first + "_" + token : first;
                }
            }
            return first;
        }
        return VERBS.contains(first) ? first : "query";
    }

    /** The text of the comment that opens the statement ({@code /* … *}{@code /} or {@code -- …}), if any. */
    public static Optional<String> leadingComment(String sql) {
        String text = sql.stripLeading();
        if (text.startsWith("/*")) {
            int end = text.indexOf("*/", 2);
            return end < 0
                    ? Optional.empty()
                    : Optional.of(text.substring(2, end).strip());
        }
        if (text.startsWith("--")) {
            int end = text.indexOf('\n');
            return Optional.of((end < 0 ? text.substring(2) : text.substring(2, end)).strip());
        }
        return Optional.empty();
    }

    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int length = sql.length();
        int position = 0;
        while (position < length) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '-' && position + 1 < length && sql.charAt(position + 1) == '-') {
                int end = sql.indexOf('\n', position);
                position = end < 0 ? length : end + 1;
            } else if (c == '/' && position + 1 < length && sql.charAt(position + 1) == '*') {
                int end = sql.indexOf("*/", position + 2);
                position = end < 0 ? length : end + 2;
            } else if (c == '\'') {
                position = quoted(sql, position, '\'');
                tokens.add("?");
            } else if (c == '"' || c == '`') {
                int end = quoted(sql, position, c);
                tokens.add(sql.substring(position, end));
                position = end;
            } else if (Character.isDigit(c)
                    || (c == '.' && position + 1 < length && Character.isDigit(sql.charAt(position + 1)))) {
                position = number(sql, position);
                tokens.add("?");
            } else if (Character.isLetter(c) || c == '_') {
                int end = position + 1;
                while (end < length && isWordPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(sql.substring(position, end).toLowerCase(Locale.ROOT));
                position = end;
            } else {
                tokens.add(String.valueOf(c));
                position++;
            }
        }
        return tokens;
    }

    /** The end of a quoted text that starts at {@code start}, where a doubled quote stands for itself. */
    private static int quoted(String sql, int start, char quote) {
        int position = start + 1;
        while (position < sql.length()) {
            if (sql.charAt(position) == quote) {
                if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
                    position += 2;
                    continue;
                }
                return position + 1;
            }
            position++;
        }
        return sql.length();
    }

    private static int number(String sql, int start) {
        int position = start;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            boolean exponentSign = (c == '+' || c == '-')
                    && position > start
                    && (sql.charAt(position - 1) == 'e' || sql.charAt(position - 1) == 'E');
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && !exponentSign) {
                break;
            }
            position++;
        }
        return position;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
    }
}
