package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import lineage.server.store.ColumnLineageReader.Edge;

/**
 * A dataset's own column lineage, as Marquez's Dataset carries it ({@code columnLineage}): the edges into its fields
 * from their direct inputs, those {@link ColumnLineageReader}'s walks see. One query for a page of datasets.
 */
@Singleton
public class DatasetColumnLineageReader {
    /** The edges into the fields of datasets, each dataset as of a time of its own; last, its place in the list. */
    private static final String DATASET_INPUTS = "SELECT " + ColumnLineageReader.EDGE_COLUMNS + ", wanted.n"
            + """

            FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS wanted(dataset_id, as_of, n)
            JOIN column_lineage cl ON cl.output_dataset_id = wanted.dataset_id
            JOIN datasets i ON i.id = cl.input_dataset_id
            JOIN datasets o ON o.id = cl.output_dataset_id
            LEFT JOIN jobs j ON j.id = cl.job_id
            """
            + ColumnLineageReader.WINDOW.formatted("wanted.as_of::timestamptz", "CAST('-infinity' AS timestamptz)");

    private final DataSource dataSource;

    public DatasetColumnLineageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A dataset as of a time, or now when {@code asOf} is empty. */
    public record DatasetAt(long datasetId, Optional<Instant> asOf) {
        public DatasetAt {
            requireNonNull(asOf, "asOf is null");
        }
    }

    /**
     * For each dataset, in order, the column lineage into its fields (their direct inputs) as it stood at its time: the
     * edges the column-lineage walks would follow, sorted by output field, then input. One query for all the datasets.
     */
    @Transactional(readOnly = true)
    public List<List<Edge>> findInputs(List<DatasetAt> datasets) {
        List<List<Edge>> inputs = new ArrayList<>();
        datasets.forEach(dataset -> inputs.add(new ArrayList<>()));
        if (datasets.isEmpty()) {
            return inputs;
        }
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(DATASET_INPUTS)) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint",
                            datasets.stream().map(DatasetAt::datasetId).toArray()));
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "text",
                            datasets.stream()
                                    .map(dataset -> dataset.asOf()
                                            .map(Instant::toString)
                                            .orElse("infinity"))
                                    .toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    inputs.get(result.getInt(16) - 1).add(ColumnLineageReader.edge(result));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read column lineage", exception);
        }
        Comparator<Edge> byOutput = Comparator.comparing(
                        (Edge edge) -> edge.output().name())
                .thenComparing(Edge::input, ColumnLineageReader.BY_ID)
                .thenComparing(ColumnLineageReader.EDGE_ORDER);
        inputs.forEach(edges -> edges.sort(byOutput));
        return inputs;
    }

    private Connection connection() {
        return Statements.connection(dataSource);
    }
}
