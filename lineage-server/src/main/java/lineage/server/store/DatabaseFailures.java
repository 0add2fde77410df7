package lineage.server.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;

/**
 * The one place that tells "the database is unavailable" (down, restarting, failing over, unreachable) from every other
 * database failure. An unavailable database is no fault of the request and no bug: the server answers 503 with a
 * {@code Retry-After}, logs one line without a stack trace, and tries again on the next request. Every other failure
 * keeps its own handling.
 */
public final class DatabaseFailures {
    /**
     * SQLStates of an unavailable database beyond the connection-exception class {@code 08}: the server shut down or
     * was terminated ({@code 57P01}, {@code 57P02}), is starting or recovering ({@code 57P03}), has no connection slot
     * left ({@code 53300}), or is a read-only standby, which is what a writer meets after a failover before it
     * reconnects to the new primary ({@code 25006}).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

    /** HikariCP's message, without an SQLState, for any use of a connection it closed. */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseFailures() {}

    /** Whether the failure, or any of its causes, says the database cannot be reached or cannot serve now. */
    public static boolean isUnavailable(Throwable failure) {
        return unavailableCause(failure).isPresent();
    }

    /**
     * One line for the log: the SQLState and message of the cause that made the database unavailable, without a stack
     * trace; empty when the failure is not one of those.
     */
    public static Optional<String> describe(Throwable failure) {
        return unavailableCause(failure).map(cause -> {
            String message =
                    cause.getMessage() == null ? "" : cause.getMessage().strip();
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState() + " " + message;
            }
            return message.isEmpty() ? cause.getClass().getSimpleName() : message;
        });
    }

    /** The refusal a client gets for a failure that {@link #isUnavailable} says is one: 503, the cause kept for logs. */
    public static LineageException refusal(String detail, Throwable cause) {
        LineageException refusal = new LineageException(ErrorCode.DATABASE_UNAVAILABLE, detail);
        refusal.initCause(cause);
        return refusal;
    }

    private static Optional<Throwable> unavailableCause(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (isUnavailableItself(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static boolean isUnavailableItself(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException) {
            return true; // HikariCP: no connection within the connection timeout
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
        }
        if (cause instanceof SQLException sql && HIKARI_CLOSED.equals(sql.getMessage())) {
            // HikariCP's stand-in for a connection it evicted as broken (an 08 state); the framework then fails on it
            // while finishing the transaction, and that failure replaces the one that said why.
            return true;
        }
        return cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || cause instanceof SocketTimeoutException;
    }
}
