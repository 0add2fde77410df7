package lineage.server.impact;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import lineage.server.model.EdgeWindow;
import lineage.server.store.ColumnLineageReader;

/** The column lineage of the store. */
@Singleton
public class StoredColumnEdges implements ColumnEdges {
    private final ColumnLineageReader reader;

    public StoredColumnEdges(ColumnLineageReader reader) {
        this.reader = reader;
    }

    @Override
    public Optional<ColumnLineageReader.Field> findField(String namespace, String dataset, String field) {
        return reader.findField(namespace, dataset, field);
    }

    @Override
    public List<ColumnLineageReader.Edge> findDownstreamEdges(
            Collection<ColumnLineageReader.Field> fields, EdgeWindow window) {
        return reader.findDownstreamEdges(fields, window);
    }
}
