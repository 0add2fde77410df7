package lineage.sql.analysis;

import java.util.List;

/**
 * One statement of a script: its tokens and its text. The text runs from the first token to the last; positions in it
 * map back to the script by {@link #lineOf(int)} and {@link #columnOf(int, int)}.
 */
record StatementText(List<Token> tokens, String text, int offset, int line, int column) {
    static StatementText of(String script, List<Token> tokens) {
        Token first = tokens.get(0);
        Token last = tokens.get(tokens.size() - 1);
        return new StatementText(
                tokens, script.substring(first.start(), last.end()), first.start(), first.line(), first.column());
    }

    /** The script line of a 1-based line of {@link #text()}. */
    int lineOf(int textLine) {
        return line + textLine - 1;
    }

    /** The script column of a 1-based position of {@link #text()}. */
    int columnOf(int textLine, int textColumn) {
        return textLine == 1 ? column + textColumn - 1 : textColumn;
    }

    Token first() {
        return tokens.get(0);
    }
}
