package lineage.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import lineage.server.error.ErrorCode;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {
    @Test
    void connectionExceptionsAndShutdownsAreUnavailable() {
        for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03", "53300", "25006"}) {
            assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("gone", state))))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void poolTimeoutsAndRefusedConnectionsAreUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(
                        wrapped(new SQLTransientConnectionException("pool - Connection is not available"))))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(
                        new UncheckedIOException(new IOException(new ConnectException("Connection refused")))))
                .isTrue();
    }

    @Test
    void aConnectionThePoolClosedAsBrokenIsUnavailable() {
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException(
                        "Could not set JDBC Connection read-only", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        for (String state : new String[] {"23505", "40P01", "22021", "57014", "42P01"}) {
            assertThat(DatabaseFailures.isUnavailable(wrapped(new SQLException("bad", state))))
                    .as(state)
                    .isFalse();
        }
        assertThat(DatabaseFailures.isUnavailable(new SQLException("no state"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug")))
                .isFalse();
    }

    @Test
    void describesTheUnavailableCauseInOneLine() {
        assertThat(DatabaseFailures.describe(wrapped(new SQLException("Connection refused ", "08001"))))
                .hasValue("08001 Connection refused");
        assertThat(DatabaseFailures.describe(new IllegalStateException("bug"))).isEmpty();
    }

    @Test
    void theRefusalIsA503KeepingItsCause() {
        SQLException cause = new SQLException("gone", "57P01");

        assertThat(DatabaseFailures.refusal("down", cause).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(DatabaseFailures.refusal("down", cause).getCause()).isSameAs(cause);
        assertThat(ErrorCode.DATABASE_UNAVAILABLE.status()).isEqualTo(503);
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new StoreException("store update failed", cause);
    }
}
