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

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    /** The keyword in upper case, or the empty string when this is not a word. */
    String keyword() {
        return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : "";
    }
}
