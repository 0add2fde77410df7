package lineage.sql.analysis;

import java.util.Locale;

/** A token of SQL text, with its place in the text ({@code start} inclusive, {@code end} exclusive). */
record Token(Kind kind, String text, int start, int end, int line, int column) {
    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A quoted identifier: {@code "x"}, {@code `x`} or {@code [x]}. */
        QUOTED,
        /** A string literal, including dollar-quoted strings. */
        STRING,
        NUMBER,
        /** Punctuation or an operator. */
        SYMBOL,
        /** An unterminated string, quoted identifier or comment: the rest of the text. */
        UNTERMINATED
    }

    /** What an {@link Kind#UNTERMINATED} token left open. */
    enum Unclosed {
        COMMENT,
        QUOTED_IDENTIFIER,
        /** A string literal, prefixed ({@code E'}, {@code U&'}, ...) or dollar-quoted ones included. */
        STRING_LITERAL
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    /** What this {@link Kind#UNTERMINATED} token left open. */
    Unclosed unclosed() {
        if (kind != Kind.UNTERMINATED) {
            throw new IllegalStateException("not an unterminated token: " + text);
        }
        if (text.startsWith("/*")) {
            return Unclosed.COMMENT;
        }
        if (text.startsWith("\"") || text.startsWith("`")) {
            return Unclosed.QUOTED_IDENTIFIER;
        }
        return Unclosed.STRING_LITERAL;
    }

    /** The keyword in upper case, or the empty string when this is not a word. */
    String keyword() {
        return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : "";
    }
}
