package lineage.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trino.jdbc.TrinoDriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The real Trino the integration tests that want one use: the JDBC URL in {@code LINEAGE_TEST_TRINO_URL}
 * ({@code deploy/local/trino-stack.sh} starts one; {@code .ci/run} sets it). Without it such a test is skipped, except
 * in CI ({@code CI=true}), where it fails.
 */
public final class TestingTrino {
    private static final TrinoDriver DRIVER = new TrinoDriver();

    private TestingTrino() {}

    /** The URL, or the test is skipped (outside CI) or fails (in CI). */
    public static String url() {
        String url = System.getenv("LINEAGE_TEST_TRINO_URL");
        boolean set = url != null && !url.isBlank();
        if (!set && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must name its Trino in LINEAGE_TEST_TRINO_URL");
        }
        assumeTrue(set, "LINEAGE_TEST_TRINO_URL is not set: no real Trino to test against");
        return url.strip();
    }

    /** A connection as user {@code lineage-it}, client source {@code lineage-it}, with the session's catalog and schema. */
    public static Connection connect(String catalog, String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "lineage-it");
        properties.setProperty("source", "lineage-it");
        Connection connection = DRIVER.connect(url(), properties);
        connection.setCatalog(catalog);
        connection.setSchema(schema);
        return connection;
    }

    /** Runs a statement to its end, reading all its rows: closing a statement early cancels its query. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet result = statement.getResultSet()) {
                    while (result.next()) {
                        // Only the query's end matters here.
                    }
                }
            }
        }
    }
}
