package lineage.server.trino;

import io.trino.jdbc.TrinoDriver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import lineage.server.config.TrinoPollerConfig;

/**
 * JDBC connections to the configured Trino cluster ({@code lineage.trino.poller.url}), for the history poller and the
 * catalog sync. Their queries carry the client source {@link #SOURCE}, so the poller can leave them out of the history.
 */
@Singleton
public class TrinoCluster {
    /** The {@code source} of the server's own queries. */
    public static final String SOURCE = "lineage-server";

    private static final TrinoDriver DRIVER = new TrinoDriver();

    private final TrinoPollerConfig config;

    public TrinoCluster(TrinoPollerConfig config) {
        this.config = config;
    }

    /** The JDBC URL, when one is configured. */
    public Optional<String> url() {
        return config.url();
    }

    /** A new connection; throws {@link IllegalStateException} when no URL is configured. */
    public Connection connect() throws SQLException {
        String url =
                config.url().orElseThrow(() -> new IllegalStateException("lineage.trino.poller.url is not configured"));
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        config.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("source", SOURCE);
        // The driver itself rather than DriverManager: no reliance on the service file surviving the jar's shading.
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the Trino driver does not accept the URL " + url);
        }
        return connection;
    }
}
