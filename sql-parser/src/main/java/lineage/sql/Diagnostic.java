package lineage.sql;

import static java.util.Objects.requireNonNull;

/**
 * Something the parser has to say about an answer: an error (no lineage can be trusted) or a warning (the answer is
 * usable but incomplete, or came from a fallback path). Lines and columns are 1-based positions in the SQL text that
 * was given to the parser.
 */
public record Diagnostic(Severity severity, Code code, String message, int line, int column) {
    public Diagnostic {
        requireNonNull(severity, "severity is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        if (line < 1) {
            throw new IllegalArgumentException("line must be positive: " + line);
        }
        if (column < 1) {
            throw new IllegalArgumentException("column must be positive: " + column);
        }
        if (code.severity != severity) {
            throw new IllegalArgumentException(code + " is an " + code.severity + ", not " + severity);
        }
    }

    public static Diagnostic of(Code code, String message, int line, int column) {
        return new Diagnostic(code.severity, code, message, line, column);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code line 3, column 7: message}. */
    public String describe() {
        return "line " + line + ", column " + column + ": " + message;
    }

    @Override
    public String toString() {
        return code + " at " + describe();
    }

    public enum Severity {
        ERROR,
        WARNING
    }

    public enum Code {
        /** The SQL is not valid: no lineage can be trusted. */
        SYNTAX_ERROR(Severity.ERROR),
        /** The SQL is beyond the parser's limits (nesting depth, size, time): it was refused. */
        TOO_COMPLEX(Severity.ERROR),
        /** A statement the parser could not analyse, though it may be valid SQL. */
        UNSUPPORTED(Severity.ERROR),
        /** A {@code *} or an unqualified column could not be resolved; its column edges are left out. */
        UNRESOLVED_COLUMN(Severity.WARNING),
        /** An INSERT without a column list into a table whose schema is unknown: no column edges. */
        INSERT_COLUMNS_UNKNOWN(Severity.WARNING),
        /** A name needed a default catalog or schema that was not given; it is reported as written. */
        MISSING_DEFAULT(Severity.WARNING),
        /** The statement was rewritten to be parseable, without changing what it reads and writes. */
        REWRITTEN(Severity.WARNING),
        /** The grammar could not parse the statement; the token scanner answered (tables only, no columns). */
        FALLBACK_SCANNER(Severity.WARNING),
        /** A part of the statement whose lineage is not derived (e.g. a pass-through query that did not parse). */
        PARTIAL(Severity.WARNING);

        private final Severity severity;

        Code(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }
}
