package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits SQL text into tokens, skipping comments. It never fails: an unterminated string, quoted identifier or comment
 * becomes one {@link Token.Kind#UNTERMINATED} token that runs to the end of the text.
 */
final class Lexer {
    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private final List<int[]> comments = new ArrayList<>();
    private int position;
    private int line = 1;
    private int lineStart;

    private Lexer(String sql) {
        this.sql = sql;
    }

    /** The tokens and the comment ranges ({@code [start, end)}) of the text. */
    static Lexed lex(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return new Lexed(sql, List.copyOf(lexer.tokens), List.copyOf(lexer.comments));
    }

    record Lexed(String sql, List<Token> tokens, List<int[]> comments) {
        /** The statements, split at {@code ;} tokens (so never inside a string, quoted name or comment). */
        List<StatementText> statements() {
            List<StatementText> statements = new ArrayList<>();
            List<Token> current = new ArrayList<>();
            for (Token token : tokens) {
                if (token.isSymbol(";")) {
                    if (!current.isEmpty()) {
                        statements.add(StatementText.of(sql, current));
                        current = new ArrayList<>();
                    }
                } else {
                    current.add(token);
                }
            }
            if (!current.isEmpty()) {
                statements.add(StatementText.of(sql, current));
            }
            return statements;
        }

        /** The text of the comment before the first token, stripped of its markers and surrounding whitespace. */
        Optional<String> leadingComment() {
            if (comments.isEmpty()) {
                return Optional.empty();
            }
            int[] comment = comments.get(0);
            if (!tokens.isEmpty() && tokens.get(0).start() < comment[0]) {
                return Optional.empty();
            }
            boolean block = sql.startsWith("/*", comment[0]);
            return Optional.of(sql.substring(comment[0] + 2, block ? comment[1] - 2 : comment[1])
                    .strip());
        }
    }

    private void run() {
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (c == '\n') {
                position++;
                newLine();
            } else if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                quoted(Token.Kind.STRING, '\'', position);
            } else if ((c == 'e' || c == 'E' || c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'n' || c == 'N')
                    && peek(1) == '\'') {
                quoted(Token.Kind.STRING, '\'', position);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                quoted(Token.Kind.STRING, '\'', position);
            } else if (c == '"') {
                quoted(Token.Kind.QUOTED, '"', position);
            } else if (c == '`') {
                quoted(Token.Kind.QUOTED, '`', position);
            } else if (c == '$' && dollarTagEnd() > 0) {
                dollarString();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else {
                symbol();
            }
        }
    }

    private char peek(int ahead) {
        int index = position + ahead;
        return index < sql.length() ? sql.charAt(index) : '\0';
    }

    private void newLine() {
        line++;
        lineStart = position;
    }

    private void add(Token.Kind kind, int start, int startLine, int startColumn) {
        tokens.add(new Token(kind, sql.substring(start, position), start, position, startLine, startColumn));
    }

    private void lineComment() {
        int start = position;
        while (position < sql.length() && sql.charAt(position) != '\n') {
            position++;
        }
        comments.add(new int[] {start, position});
    }

    private void blockComment() {
        int start = position;
        int startLine = line;
        int startColumn = start - lineStart + 1;
        position += 2;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (c == '*' && peek(1) == '/') {
                position += 2;
                comments.add(new int[] {start, position});
                return;
            }
            position++;
            if (c == '\n') {
                newLine();
            }
        }
        add(Token.Kind.UNTERMINATED, start, startLine, startColumn);
    }

    /** A quoted string or identifier; a doubled quote character inside is an escaped quote. */
    private void quoted(Token.Kind kind, char quote, int start) {
        int startLine = line;
        int startColumn = start - lineStart + 1;
        while (sql.charAt(position) != quote) {
            position++;
        }
        position++;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            position++;
            if (c == quote) {
                if (peek(0) == quote) {
                    position++;
                } else {
                    add(kind, start, startLine, startColumn);
                    return;
                }
            } else if (c == '\n') {
                newLine();
            }
        }
        add(Token.Kind.UNTERMINATED, start, startLine, startColumn);
    }

    /** The end of a {@code $tag$} opening at the current position, or -1. */
    private int dollarTagEnd() {
        int index = position + 1;
        while (index < sql.length()) {
            char c = sql.charAt(index);
            if (c == '$') {
                return index + 1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_') || (index == position + 1 && Character.isDigit(c))) {
                return -1;
            }
            index++;
        }
        return -1;
    }

    private void dollarString() {
        int start = position;
        int startLine = line;
        int startColumn = start - lineStart + 1;
        String tag = sql.substring(position, dollarTagEnd());
        int close = sql.indexOf(tag, position + tag.length());
        int end = close < 0 ? sql.length() : close + tag.length();
        while (position < end) {
            if (sql.charAt(position) == '\n') {
                position++;
                newLine();
            } else {
                position++;
            }
        }
        add(close < 0 ? Token.Kind.UNTERMINATED : Token.Kind.STRING, start, startLine, startColumn);
    }

    private void number() {
        int start = position;
        int column = start - lineStart + 1;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
                position++;
            } else if ((c == '+' || c == '-') && (sql.charAt(position - 1) == 'e' || sql.charAt(position - 1) == 'E')) {
                position++;
            } else {
                break;
            }
        }
        add(Token.Kind.NUMBER, start, line, column);
    }

    private void word() {
        int start = position;
        int column = start - lineStart + 1;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#') {
                position++;
            } else {
                break;
            }
        }
        add(Token.Kind.WORD, start, line, column);
    }

    private static final String[] LONG_SYMBOLS = {"=>", "->", "||", "::", "<=", ">=", "<>", "!=", "<<", ">>"};

    private void symbol() {
        int start = position;
        int column = start - lineStart + 1;
        for (String symbol : LONG_SYMBOLS) {
            if (sql.startsWith(symbol, position)) {
                position += symbol.length();
                add(Token.Kind.SYMBOL, start, line, column);
                return;
            }
        }
        position++;
        add(Token.Kind.SYMBOL, start, line, column);
    }
}
