package lineage.server.impact;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import lineage.server.model.EdgeWindow;
import lineage.server.store.ColumnLineageReader;

/** The column lineage that column-level impact follows; {@link StoredColumnEdges} reads it from the store. */
public interface ColumnEdges {
    /** A visible dataset's field, if the dataset exists. */
    Optional<ColumnLineageReader.Field> findField(String namespace, String dataset, String field);

    /** The edges of the window leaving the fields (to the fields they reach), the nearest outputs (by id) first. */
    List<ColumnLineageReader.Edge> findDownstreamEdges(Collection<ColumnLineageReader.Field> fields, EdgeWindow window);
}
