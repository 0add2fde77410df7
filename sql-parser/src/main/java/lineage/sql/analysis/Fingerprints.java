package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import lineage.sql.SqlFingerprint;

/** {@link SqlFingerprint}s and leading comments from the lexer's tokens. */
public final class Fingerprints {
    private static final String LITERAL = "?";
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

    private Fingerprints() {}

    /** See {@link SqlFingerprint#of}. */
    public static SqlFingerprint of(String sql) {
        List<String> words = words(Lexer.lex(sql).tokens());
        String kind = kind(words);
        while (!words.isEmpty() && words.get(words.size() - 1).equals(";")) {
            words.remove(words.size() - 1);
        }
        return new SqlFingerprint(String.join(" ", words), kind);
    }

    /** See {@link lineage.sql.SqlComments#leading}. */
    public static Optional<String> leadingComment(String sql) {
        return Lexer.lex(sql).leadingComment();
    }

    /**
     * The tokens as the fingerprint spells them. Operators are one character apart and a literal's prefix is a word of
     * its own because that is how fingerprints were spelt before they were built on this lexer: a fingerprint is part
     * of a job's name, and names must not change.
     */
    private static List<String> words(List<Token> tokens) {
        List<String> words = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            switch (token.kind()) {
                case WORD -> words.add(token.text().toLowerCase(Locale.ROOT));
                case QUOTED -> words.add(token.text());
                case NUMBER -> words.add(LITERAL);
                case STRING -> literal(token.text(), words);
                case SYMBOL -> token.text().chars().forEach(symbol -> words.add(String.valueOf((char) symbol)));
                case UNTERMINATED -> unterminated(token, words);
            }
        }
        return words;
    }

    private static void unterminated(Token token, List<String> words) {
        switch (token.unclosed()) {
            case COMMENT -> {}
            case QUOTED_IDENTIFIER -> words.add(token.text());
            case STRING_LITERAL -> literal(token.text(), words);
        }
    }

    /** {@code ?}, after the prefix of {@code E'…'}, {@code X'…'}, {@code U&'…'} and the like. */
    private static void literal(String text, List<String> words) {
        int quote = text.indexOf('\'');
        String prefix = text.startsWith("$") || quote < 0 ? "" : text.substring(0, quote);
        if (prefix.endsWith("&")) {
            words.add(prefix.substring(0, prefix.length() - 1).toLowerCase(Locale.ROOT));
            words.add("&");
        } else if (!prefix.isEmpty()) {
            words.add(prefix.toLowerCase(Locale.ROOT));
        }
        words.add(LITERAL);
    }

    private static String kind(List<String> words) {
        if (words.isEmpty()) {
            return "query";
        }
        String first = words.get(0);
        if (READS.contains(first)) {
            return "select";
        }
        if (!isWord(first)) {
            return "query";
        }
        if (first.equals("create") || first.equals("drop") || first.equals("alter")) {
            for (String word : words.subList(1, words.size())) {
                if (!OBJECT_PREFIXES.contains(word)) {
                    return isWord(word) ? first + "_" + word : first;
                }
            }
            return first;
        }
        return VERBS.contains(first) ? first : "query";
    }

    private static boolean isWord(String word) {
        return !word.isEmpty() && (Character.isLetter(word.charAt(0)) || word.charAt(0) == '_');
    }
}
