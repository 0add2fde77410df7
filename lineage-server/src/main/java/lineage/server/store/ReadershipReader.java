package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Which datasets are read by the most jobs: a dataset's readers are the visible jobs with a current input edge from it
 * (the edges of the lineage graph). The partial index {@code lineage_edges_current_inputs} ({@code V16}) holds exactly
 * the current input edges, so the count reads that index rather than every edge ever seen.
 */
@Singleton
public class ReadershipReader {
    private static final String MOST_READ =
            """
            SELECT d.namespace, d.name, r.readers
            FROM (SELECT e.dataset_id, count(*) AS readers
                  FROM lineage_edges e JOIN jobs j ON j.id = e.job_id
                  WHERE e.direction = 'INPUT' AND e.is_current AND NOT j.is_hidden
                  GROUP BY e.dataset_id) r
            JOIN datasets d ON d.id = r.dataset_id
            WHERE NOT d.is_hidden
            ORDER BY r.readers DESC, d.namespace COLLATE "C", d.name COLLATE "C"
            LIMIT ?""";

    private final DataSource dataSource;

    public ReadershipReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The {@code limit} visible datasets with the most readers, most first, then by namespace and name. */
    @Transactional(readOnly = true)
    public List<DatasetReadersRow> findMostRead(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        List<DatasetReadersRow> rows = new ArrayList<>();
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(MOST_READ)) {
            statement.setInt(1, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new DatasetReadersRow(result.getString(1), result.getString(2), result.getLong(3)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot count the readers of datasets", exception);
        }
        return rows;
    }
}
