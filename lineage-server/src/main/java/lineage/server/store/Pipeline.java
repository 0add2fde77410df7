package lineage.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Statements of one write transaction that need nothing from each other, sent to PostgreSQL in one round trip and run
 * there in the order they were added (the driver sends a statement text holding several statements as one message
 * each, with one sync at the end). A write of a few events costs about the same whatever it holds, and most of that
 * was its round trips: the runs, edges, job versions and column lineage of a write each took one. A statement that
 * returns rows has them read by its reader when the pipeline runs; if one fails, PostgreSQL runs none after it and the
 * transaction fails as it would have.
 */
public final class Pipeline {
    /** Reads the rows a statement of the pipeline returned. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private record Part(String sql, Object[] parameters, RowReader reader) {}

    private final DataSource dataSource;
    private final List<Part> parts = new ArrayList<>();

    /** A pipeline on the transaction of the caller of {@link #run}. */
    public Pipeline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds a statement that returns no rows; its parameters are bound with {@code setObject}, in order. */
    void add(String sql, Object... parameters) {
        parts.add(new Part(sql, parameters, null));
    }

    /** Adds a statement whose rows the reader reads when the pipeline runs. */
    void addQuery(String sql, RowReader reader, Object... parameters) {
        parts.add(new Part(sql, parameters, reader));
    }

    /** Sends the statements added, in one round trip, on the caller's transaction, and reads what they return. */
    public void run() {
        if (parts.isEmpty()) {
            return;
        }
        String sql = parts.stream().map(Part::sql).collect(Collectors.joining(";\n"));
        Connection connection = Statements.connection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Part part : parts) {
                for (Object parameter : part.parameters()) {
                    statement.setObject(index++, parameter);
                }
            }
            boolean rows = statement.execute();
            for (Part part : parts) {
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        part.reader().read(result);
                    }
                }
                rows = statement.getMoreResults();
            }
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        } finally {
            parts.clear();
        }
    }
}
