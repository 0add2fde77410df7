package lineage.sql.analysis;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * Runs JSqlParser on one statement's text: first without complex parsing (about twice as fast), then with it. A
 * watchdog stops a parse that runs past its time budget through the parser's {@code interrupted} flag.
 */
final class Grammar {
    /** One daemon thread for every parser in the JVM; it only flips flags. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sql-lineage-parse-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private Grammar() {}

    /** The outcome of a parse: a statement, or where and why it failed. */
    sealed interface Outcome {
        record Parsed(Statement statement) implements Outcome {}

        /** {@code line} and {@code column} are 1-based in the parsed text; {@code timedOut} when the budget ran out. */
        record Failed(int line, int column, String message, boolean timedOut) implements Outcome {}
    }

    /** Parses within the time left until {@code deadline} ({@link System#nanoTime()}), both attempts together. */
    static Outcome parse(String text, long deadline) {
        Outcome simple = parse(text, false, deadline - System.nanoTime());
        if (simple instanceof Outcome.Parsed || ((Outcome.Failed) simple).timedOut()) {
            return simple;
        }
        Outcome complex = parse(text, true, deadline - System.nanoTime());
        return complex instanceof Outcome.Parsed ? complex : simple;
    }

    private static Outcome parse(String text, boolean complexParsing, long budgetNanos) {
        if (budgetNanos <= 0) {
            return new Outcome.Failed(1, 1, "time budget exhausted before parsing", true);
        }
        CCJSqlParser parser;
        try {
            parser = new CCJSqlParser(withoutEmptyLines(text)).withAllowComplexParsing(complexParsing);
        } catch (ParseException exception) {
            return new Outcome.Failed(1, 1, "cannot read the statement: " + exception.getMessage(), false);
        }
        ScheduledFuture<?> watchdog =
                WATCHDOG.schedule(() -> parser.interrupted = true, budgetNanos, TimeUnit.NANOSECONDS);
        try {
            return run(parser);
        } finally {
            watchdog.cancel(false);
        }
    }

    private static Outcome run(CCJSqlParser parser) {
        try {
            Statement statement = parser.Statement();
            if (parser.interrupted) {
                return timedOut();
            }
            Token next = parser.getNextToken();
            if (next != null && next.kind != 0 && !";".equals(next.image)) {
                return failed(next, "unexpected '" + next.image + "'");
            }
            return new Outcome.Parsed(statement);
        } catch (ParseException exception) {
            if (parser.interrupted) {
                return timedOut();
            }
            Token at = exception.currentToken != null && exception.currentToken.next != null
                    ? exception.currentToken.next
                    : exception.currentToken;
            return failed(at, at == null || at.image == null ? "syntax error" : describe(at));
        } catch (RuntimeException | StackOverflowError exception) {
            // The grammar's own failures (token errors, internal errors on odd input) are parse failures too.
            if (parser.interrupted) {
                return timedOut();
            }
            return new Outcome.Failed(
                    1, 1, "cannot parse: " + exception.getClass().getSimpleName(), false);
        }
    }

    /**
     * The grammar takes two line breaks in a row as the end of a statement. A space on each empty line avoids that
     * without moving any token's line or column.
     */
    static String withoutEmptyLines(String text) {
        if (!text.contains("\n\n") && !text.contains("\n\r\n")) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length() + 64);
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            result.append(c);
            if (c == '\n'
                    && index + 1 < text.length()
                    && (text.charAt(index + 1) == '\n' || text.charAt(index + 1) == '\r')) {
                result.append(' ');
            }
        }
        return result.toString();
    }

    private static String describe(Token at) {
        return at.kind == 0 ? "unexpected end of statement" : "unexpected '" + at.image + "'";
    }

    private static Outcome failed(Token at, String message) {
        if (at == null) {
            return new Outcome.Failed(1, 1, message, false);
        }
        return new Outcome.Failed(Math.max(1, at.beginLine), Math.max(1, at.beginColumn), message, false);
    }

    private static Outcome timedOut() {
        return new Outcome.Failed(1, 1, "parsing took longer than its time budget", true);
    }
}
