package lineage.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A {@link Pipeline} runs its statements in the order they were added, each reader reads its own statement's rows
 * whatever the statements around it return, and a failing statement fails the transaction with nothing after it run.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT implements TestPropertyProvider {
    private final Map<String, String> properties = TestingDatabase.properties();

    @Inject
    DataSource dataSource;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @BeforeEach
    void emptyTable() {
        transactions.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS pipeline_test (n integer)");
                statement.execute("TRUNCATE pipeline_test");
            }
            return null;
        });
    }

    @Test
    void runsItsStatementsInOrderAndReadsEachQuerysRows() {
        List<Long> countAfterFirst = new ArrayList<>();
        List<String> allAfterSecond = new ArrayList<>();

        transactions.executeWrite(status -> {
            Pipeline pipeline = new Pipeline(dataSource);
            pipeline.add("INSERT INTO pipeline_test VALUES (?)", 1);
            pipeline.addQuery("SELECT count(*) FROM pipeline_test", rows -> {
                rows.next();
                countAfterFirst.add(rows.getLong(1));
            });
            pipeline.add("INSERT INTO pipeline_test SELECT unnest(?::integer[])", (Object) new Integer[] {3, 2});
            pipeline.addQuery("SELECT array_agg(n ORDER BY n)::text FROM pipeline_test", rows -> {
                rows.next();
                allAfterSecond.add(rows.getString(1));
            });
            pipeline.run();
            return null;
        });

        assertThat(countAfterFirst).containsExactly(1L);
        assertThat(allAfterSecond).containsExactly("{1,2,3}");
    }

    @Test
    void aFailingStatementFailsTheTransactionAndNothingAfterItRuns() {
        List<Long> readAfterFailure = new ArrayList<>();

        assertThatThrownBy(() -> transactions.executeWrite(status -> {
                    Pipeline pipeline = new Pipeline(dataSource);
                    pipeline.add("INSERT INTO pipeline_test VALUES (?)", 10);
                    pipeline.add("INSERT INTO pipeline_test VALUES (1 / (? - 1))", 1);
                    pipeline.addQuery("SELECT count(*) FROM pipeline_test", rows -> {
                        rows.next();
                        readAfterFailure.add(rows.getLong(1));
                    });
                    pipeline.run();
                    return null;
                }))
                .isInstanceOf(StoreException.class)
                .hasRootCauseMessage("ERROR: division by zero");

        assertThat(readAfterFailure).isEmpty();
        assertThat(TestingDatabase.query(properties, "SELECT count(*) FROM pipeline_test"))
                .containsExactly("0");
    }
}
