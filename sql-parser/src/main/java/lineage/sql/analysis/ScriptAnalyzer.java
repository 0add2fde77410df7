package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.sql.Diagnostic;
import lineage.sql.ParseOptions;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * Analyses a script statement by statement, each with the defaults in force at that point ({@code USE} changes them
 * for the statements after it). The entry point of this package; it never throws for any input.
 */
public final class ScriptAnalyzer {
    /** Deeper nesting is refused: the grammar's recursion would otherwise risk the stack. */
    static final int MAX_DEPTH = 200;

    private final ParseOptions options;
    private final LineageCollector collector = new LineageCollector();
    private final long deadline;
    private Optional<String> catalog;
    private Optional<String> schema;

    private ScriptAnalyzer(ParseOptions options) {
        this.options = options;
        // Every call is answered within the options' budget; statements it cannot reach in time are refused.
        this.deadline = System.nanoTime() + options.timeBudget().toNanos();
        this.catalog = options.defaultCatalog();
        this.schema = options.defaultSchema();
    }

    /** The lineage of a statement or script. Never throws for bad SQL: errors are diagnostics. */
    public static SqlLineage analyze(String sql, ParseOptions options) {
        ScriptAnalyzer analyzer = new ScriptAnalyzer(options);
        Lexer.Lexed lexed = Lexer.lex(sql);
        List<StatementText> statements = lexed.statements();
        for (StatementText statement : statements) {
            if (System.nanoTime() > analyzer.deadline) {
                analyzer.error(
                        statement,
                        statement.first(),
                        Diagnostic.Code.TOO_COMPLEX,
                        "the script took longer than "
                                + analyzer.options.timeBudget().toMillis() + " ms to analyse; this statement"
                                + " and the ones after it were not analysed");
                break;
            }
            analyzer.statement(statement, commentsOf(lexed, statement));
        }
        return analyzer.collector.result();
    }

    private static List<int[]> commentsOf(Lexer.Lexed lexed, StatementText statement) {
        int end = statement.offset() + statement.text().length();
        List<int[]> comments = new ArrayList<>();
        for (int[] comment : lexed.comments()) {
            if (comment[0] >= statement.offset() && comment[0] < end) {
                comments.add(comment);
            }
        }
        return comments;
    }

    private void statement(StatementText statement, List<int[]> comments) {
        collector.begin();
        int errors = collector.errorCount();
        Analysis analysis = new Analysis(catalog, schema, options.schemas(), collector, statement, deadline);
        try {
            if (checkTokens(statement)) {
                route(statement, StatementRouter.route(statement, comments), analysis);
            }
        } catch (BudgetExceededException exceeded) {
            error(statement, statement.first(), Diagnostic.Code.TOO_COMPLEX, exceeded.getMessage());
        } catch (InvalidSqlException invalid) {
            error(statement, statement.first(), Diagnostic.Code.SYNTAX_ERROR, invalid.getMessage());
        } catch (RuntimeException | StackOverflowError failure) {
            // A statement the analysis cannot handle still gets the scanner's tables, never an exception.
            collector.rollback();
            fallbackAfter(statement, analysis, failure);
        }
        if (collector.errorCount() > errors) {
            collector.rollback();
        }
    }

    private void fallbackAfter(StatementText statement, Analysis analysis, Throwable failure) {
        try {
            fallback(
                    statement,
                    analysis,
                    "analysis failed (" + failure.getClass().getSimpleName() + ")");
        } catch (RuntimeException second) {
            collector.rollback();
            error(
                    statement,
                    statement.first(),
                    Diagnostic.Code.UNSUPPORTED,
                    "the statement could not be analysed (" + second.getClass().getSimpleName() + ")");
        }
    }

    /** Unterminated literals, unbalanced or too deeply nested parentheses: errors before any grammar runs. */
    private boolean checkTokens(StatementText statement) {
        List<Token> opened = new ArrayList<>();
        Token previous = null;
        for (Token token : statement.tokens()) {
            if (token.kind() == Token.Kind.UNTERMINATED) {
                return error(
                        statement, token, Diagnostic.Code.SYNTAX_ERROR, "unterminated " + describe(token.unclosed()));
            }
            if (token.kind() == Token.Kind.QUOTED && token.text().length() == 2) {
                return error(statement, token, Diagnostic.Code.SYNTAX_ERROR, "zero-length quoted identifier");
            }
            if (token.isSymbol(".") && previous != null && previous.isSymbol(".")) {
                return error(statement, token, Diagnostic.Code.SYNTAX_ERROR, "empty name part");
            }
            previous = token;
            if (token.isSymbol("(")) {
                opened.add(token);
                if (opened.size() > MAX_DEPTH) {
                    return error(
                            statement,
                            token,
                            Diagnostic.Code.TOO_COMPLEX,
                            "parentheses nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (token.isSymbol(")")) {
                if (opened.isEmpty()) {
                    return error(statement, token, Diagnostic.Code.SYNTAX_ERROR, "')' without '('");
                }
                opened.remove(opened.size() - 1);
            }
        }
        if (!opened.isEmpty()) {
            return error(statement, opened.get(opened.size() - 1), Diagnostic.Code.SYNTAX_ERROR, "'(' is never closed");
        }
        return true;
    }

    private static String describe(Token.Unclosed unclosed) {
        return switch (unclosed) {
            case COMMENT -> "comment";
            case QUOTED_IDENTIFIER -> "quoted identifier";
            case STRING_LITERAL -> "string literal";
        };
    }

    private void route(StatementText statement, Route route, Analysis analysis) {
        if (route instanceof Route.Use use) {
            List<String> parts = use.name().parts();
            if (parts.size() == 2) {
                catalog = Optional.of(parts.get(0));
            }
            schema = Optional.of(parts.get(parts.size() - 1));
        } else if (route instanceof Route.Ddl ddl) {
            ddl.outputs().forEach(name -> collector.output(analysis.table(name.parts())));
        } else if (route instanceof Route.Invalid invalid) {
            error(statement, invalid.at(), Diagnostic.Code.SYNTAX_ERROR, invalid.message());
        } else if (route instanceof Route.Parse parse) {
            parse(statement, parse, analysis);
        }
    }

    private void parse(StatementText statement, Route.Parse route, Analysis analysis) {
        analysis.matchRecognizes(route.matchRecognizes());
        for (String note : route.notes()) {
            analysis.warn(Diagnostic.Code.REWRITTEN, note);
        }
        Grammar.Outcome outcome = Grammar.parse(route.text(), deadline);
        if (outcome instanceof Grammar.Outcome.Failed failure && !failure.timedOut()) {
            Optional<Token> word = tokenAt(statement, failure).filter(KeywordIdentifiers::isCandidate);
            if (word.isPresent()) {
                String quoted = KeywordIdentifiers.quote(
                        route.text(), statement, word.get().text());
                Grammar.Outcome retried = Grammar.parse(quoted, deadline);
                if (retried instanceof Grammar.Outcome.Parsed) {
                    outcome = retried;
                }
            }
        }
        if (outcome instanceof Grammar.Outcome.Parsed parsed) {
            if (!new StatementAnalyzer(analysis).analyze(parsed.statement(), route)) {
                fallback(
                        statement,
                        analysis,
                        "statement kind " + parsed.statement().getClass().getSimpleName()
                                + " is not analysed by the grammar path");
            }
            return;
        }
        Grammar.Outcome.Failed failed = (Grammar.Outcome.Failed) outcome;
        if (failed.timedOut()) {
            error(statement, statement.first(), Diagnostic.Code.TOO_COMPLEX, failed.message());
            return;
        }
        int line = statement.lineOf(failed.line());
        int column = statement.columnOf(failed.line(), failed.column());
        Optional<Token> implausible = FallbackScanner.implausibleToken(statement.tokens());
        Optional<Token> failedAt = tokenAt(statement, failed);
        if (implausible.isPresent()) {
            error(
                    statement,
                    implausible.get(),
                    Diagnostic.Code.SYNTAX_ERROR,
                    "unexpected '" + implausible.get().text() + "'");
        } else if (failedAt.isEmpty() || failedAt.get().kind() == Token.Kind.SYMBOL) {
            // A grammar gap shows at a word (unknown syntax); a misplaced symbol is a real syntax error.
            collector.diagnostic(Diagnostic.of(Diagnostic.Code.SYNTAX_ERROR, failed.message(), line, column));
        } else {
            fallback(
                    statement,
                    analysis,
                    "the grammar stopped at line " + line + ", column " + column + " (" + failed.message() + ")");
        }
    }

    /** The statement's token where the grammar failed. */
    private static Optional<Token> tokenAt(StatementText statement, Grammar.Outcome.Failed failed) {
        int line = statement.lineOf(failed.line());
        int column = statement.columnOf(failed.line(), failed.column());
        for (Token token : statement.tokens()) {
            if (token.line() == line && token.column() == column) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    private void fallback(StatementText statement, Analysis analysis, String reason) {
        for (FallbackScanner.Found found : FallbackScanner.scan(statement.tokens())) {
            TableRef table = analysis.table(found.parts());
            if (found.written()) {
                collector.output(table);
            } else {
                collector.input(table);
            }
        }
        analysis.warn(Diagnostic.Code.FALLBACK_SCANNER, reason + "; tables found by the token scanner, no columns");
    }

    private boolean error(StatementText statement, Token at, Diagnostic.Code code, String message) {
        collector.diagnostic(Diagnostic.of(code, message, at.line(), at.column()));
        return false;
    }
}
