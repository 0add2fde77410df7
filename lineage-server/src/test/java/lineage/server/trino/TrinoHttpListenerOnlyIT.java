package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Only the HTTP listener's 44 events, no OpenLineage listener: they alone give the mesh's lineage. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoHttpListenerOnlyIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        // Without the OpenLineage listener no query is reported twice, so nothing teaches the server that the
        // coordinator's address is the cluster users know as localhost: configuration says so (origin config).
        Map<String, String> properties = new java.util.HashMap<>(TestingDatabase.properties());
        properties.put("lineage.trino.namespace", "trino://localhost:8085");
        properties.put("lineage.trino.namespace-aliases", "http://127.0.0.1:8085");
        return properties;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @BeforeAll
    void replayTheHttpListenersEvents() {
        TrinoIngestionIT.post(client(), TrinoCaptures.http());
    }

    @Test
    void tableAndColumnLineageAcrossTheThreeDomains() {
        TrinoIngestionIT.assertReachesTheThreeDomains(client());
        TrinoIngestionIT.assertLifetimeValueFromPayments(client());
        TrinoIngestionIT.assertDomainsAndNoArtefacts(client());
        TrinoIngestionIT.assertSchemasAreWholeTables(client());
    }

    @Test
    void runsAndFailures() {
        TrinoIngestionIT.assertOneRunPerQuery(client());
        TrinoIngestionIT.assertFailedRuns(client());
    }

    @Test
    void everyEdgeComesFromTrino() {
        assertThat(count("SELECT count(*) FROM lineage_edges WHERE source <> 'trino'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM lineage_edges")).isPositive();
        assertThat(count("SELECT count(*) FROM column_lineage WHERE source <> 'trino'"))
                .isZero();
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
    }
}
