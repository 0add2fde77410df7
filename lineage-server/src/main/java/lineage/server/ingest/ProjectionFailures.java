package lineage.server.ingest;

import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;

/**
 * Why a stored event cannot be projected, in words for the people who read {@code GET /api/v1/events/unprojected}:
 * the fields an invalid event breaks, or what kind of value the database refused. Never a stack trace, SQL or the
 * database's own text (which quotes index names and values).
 */
final class ProjectionFailures {
    private static final int MAX_CHARS = 2_000;

    private ProjectionFailures() {}

    static String reason(Exception failure) {
        String reason = failure instanceof LineageException invalid ? invalid(invalid) : database(failure);
        return reason.length() <= MAX_CHARS ? reason : reason.substring(0, MAX_CHARS - 1) + "…";
    }

    private static String invalid(LineageException invalid) {
        if (invalid.errors().isEmpty()) {
            return invalid.getMessage();
        }
        return invalid.getMessage() + ": "
                + invalid.errors().stream().map(ProjectionFailures::clause).collect(Collectors.joining("; "));
    }

    private static String database(Exception failure) {
        if (failure instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return "the stored payload cannot be read as JSON";
        }
        return sqlState(failure)
                .map(ProjectionFailures::refused)
                .orElse("the projection failed on an unexpected error (the server's log has the details at DEBUG)");
    }

    private static String refused(String state) {
        return switch (state) {
            case "54000" -> "a value is too long for the store's indexes (a name, namespace or field name)";
            case "22P05", "22021" -> "a string holds a character the store cannot hold (NUL or a lone surrogate)";
            case "22008" -> "a time lies outside the range the store can hold";
            case "22003" -> "a number lies outside the range the store can hold";
            case "22P02" -> "a value cannot be stored as the type of its column";
            default -> "the store refused the projection (SQLSTATE " + state + ")";
        };
    }

    /** The SQLSTATE of the first SQL failure among the causes. */
    private static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** A field error as one clause. */
    static String clause(FieldError error) {
        return error.field() + " " + error.message();
    }
}
