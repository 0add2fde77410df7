package lineage.sql.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The edits that make Trino, Hive and Spark syntax that the grammar lacks parseable, each without changing what the
 * statement reads and writes: time travel clauses, MATCH_RECOGNIZE, {@code ARRAY(...)}/{@code MAP(...)} types in casts,
 * and Hive's {@code INSERT OVERWRITE ... PARTITION (...)}.
 */
final class Rewrites {
    private static final Set<String> PERIODS = Set.of("VERSION", "TIMESTAMP", "SYSTEM_TIME", "SYSTEM_VERSION");
    private static final Set<String> TYPED_LITERALS = Set.of("TIMESTAMP", "DATE", "TIME", "INTERVAL");
    private static final Set<String> UNITS = Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO");
    private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/", "||");
    private static final Set<String> CASTS = Set.of("CAST", "TRY_CAST", "SAFE_CAST");

    private Rewrites() {}

    static void apply(List<Token> tokens, int start, Rewriter rewriter) {
        hiveInsert(tokens, start, rewriter);
        Deque<String> openers = new ArrayDeque<>();
        for (int index = start; index < tokens.size(); index++) {
            Token token = tokens.get(index);
            if (token.isSymbol("(")) {
                openers.push(index > start ? tokens.get(index - 1).keyword() : "");
            } else if (token.isSymbol(")")) {
                openers.poll();
            } else if (token.isWord("FOR")
                    && isWord(tokens, index + 1, PERIODS)
                    && isWord(tokens, index + 2, "AS")
                    && isWord(tokens, index + 3, "OF")) {
                int end = expressionEnd(tokens, index + 4);
                rewriter.blank(token, tokens.get(end - 1));
                rewriter.note("time travel clause removed before parsing (the table is still read)");
                index = end - 1;
            } else if (token.isWord("MATCH_RECOGNIZE")
                    && index + 1 < tokens.size()
                    && tokens.get(index + 1).isSymbol("(")) {
                int close = closingParen(tokens, index + 1);
                rewriter.blank(token, tokens.get(close));
                rewriter.matchRecognize(MatchRecognize.read(tokens, index + 1, close, matchName(tokens, index, close)));
                rewriter.note("MATCH_RECOGNIZE read from its tokens: the grammar cannot parse it");
                index = close;
            } else if (token.isWord("AS")
                    && CASTS.contains(openers.isEmpty() ? "" : openers.peek())
                    && isWord(tokens, index + 1, Set.of("ARRAY", "MAP"))
                    && index + 2 < tokens.size()
                    && tokens.get(index + 2).isSymbol("(")) {
                int close = closingParen(tokens, index + 2);
                rewriter.replace(tokens.get(index + 1), tokens.get(close), "varchar");
                rewriter.note("cast target type simplified before parsing");
                index = close;
            }
        }
    }

    /** The name a MATCH_RECOGNIZE result goes by: the alias after it, else the name of the table before it. */
    private static String matchName(List<Token> tokens, int keyword, int close) {
        int at = close + 1;
        if (isWord(tokens, at, "AS")) {
            at++;
        }
        if (at < tokens.size()
                && tokens.get(at).isIdentifier()
                && !ClauseKeywords.CLAUSES.contains(tokens.get(at).keyword())) {
            return Names.normalize(tokens.get(at).text());
        }
        return keyword > 0 ? Names.normalize(tokens.get(keyword - 1).text()) : "";
    }

    /** {@code INSERT OVERWRITE [TABLE] t PARTITION (...)} → {@code INSERT INTO [TABLE] t}; directories are no tables. */
    private static void hiveInsert(List<Token> tokens, int start, Rewriter rewriter) {
        if (!isWord(tokens, start, "INSERT")) {
            return;
        }
        int index = start + 1;
        if (isWord(tokens, index, "OVERWRITE")) {
            if (isWord(tokens, index + 1, "DIRECTORY") || isWord(tokens, index + 1, "LOCAL")) {
                int query = directoryQueryStart(tokens, index + 1);
                rewriter.blank(tokens.get(start), tokens.get(query - 1));
                return;
            }
            rewriter.replace(tokens.get(index), tokens.get(index), "INTO");
            rewriter.note("INSERT OVERWRITE read as INSERT INTO before parsing");
        } else if (!isWord(tokens, index, "INTO")) {
            return;
        }
        index++;
        if (isWord(tokens, index, "TABLE")) {
            index++;
        }
        while (index + 2 < tokens.size() && tokens.get(index + 1).isSymbol(".")) {
            index += 2;
        }
        index++;
        if (isWord(tokens, index, "PARTITION")
                && index + 1 < tokens.size()
                && tokens.get(index + 1).isSymbol("(")) {
            int close = closingParen(tokens, index + 1);
            if (isWord(tokens, close + 1, "IF") && isWord(tokens, close + 3, "EXISTS")) {
                close += 3;
            }
            rewriter.blank(tokens.get(index), tokens.get(close));
            rewriter.note("PARTITION clause removed before parsing");
        }
    }

    private static int directoryQueryStart(List<Token> tokens, int from) {
        for (int index = from; index < tokens.size(); index++) {
            Token token = tokens.get(index);
            if (token.isWord("SELECT") || token.isWord("WITH") || token.isWord("FROM") || token.isSymbol("(")) {
                return index;
            }
        }
        return tokens.size() - 1;
    }

    /** The index after a simple expression (literals, typed literals, calls, arithmetic) starting at {@code index}. */
    private static int expressionEnd(List<Token> tokens, int index) {
        int at = operandEnd(tokens, index);
        while (at < tokens.size()
                && tokens.get(at).kind() == Token.Kind.SYMBOL
                && OPERATORS.contains(tokens.get(at).text())) {
            at = operandEnd(tokens, at + 1);
        }
        return at;
    }

    private static int operandEnd(List<Token> tokens, int index) {
        if (index >= tokens.size()) {
            return tokens.size();
        }
        Token token = tokens.get(index);
        if (token.kind() == Token.Kind.NUMBER || token.kind() == Token.Kind.STRING) {
            return index + 1;
        }
        if (token.isSymbol("(")) {
            return closingParen(tokens, index) + 1;
        }
        if (token.isSymbol("-") || token.isSymbol("+")) {
            return operandEnd(tokens, index + 1);
        }
        if (token.kind() == Token.Kind.WORD) {
            if (TYPED_LITERALS.contains(token.keyword())
                    && index + 1 < tokens.size()
                    && tokens.get(index + 1).kind() == Token.Kind.STRING) {
                int at = index + 2;
                while (isWord(tokens, at, UNITS)) {
                    at++;
                }
                return at;
            }
            if (index + 1 < tokens.size() && tokens.get(index + 1).isSymbol("(")) {
                return closingParen(tokens, index + 1) + 1;
            }
            return index + 1;
        }
        return index;
    }

    static int closingParen(List<Token> tokens, int open) {
        int depth = 0;
        for (int index = open; index < tokens.size(); index++) {
            if (tokens.get(index).isSymbol("(")) {
                depth++;
            } else if (tokens.get(index).isSymbol(")") && --depth == 0) {
                return index;
            }
        }
        return tokens.size() - 1;
    }

    private static boolean isWord(List<Token> tokens, int index, String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    private static boolean isWord(List<Token> tokens, int index, Set<String> words) {
        return index < tokens.size() && words.contains(tokens.get(index).keyword());
    }
}
