package lineage.server.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasetVersionRepository extends GenericRepository<DatasetVersionRow, UUID> {
    /** Newest first. */
    @Query("SELECT * FROM dataset_versions WHERE dataset_id = :datasetId ORDER BY created_at DESC, id"
            + " LIMIT :limit OFFSET :offset")
    List<DatasetVersionRow> findPage(long datasetId, int limit, int offset);

    long countByDatasetId(long datasetId);

    @Query("SELECT * FROM dataset_versions WHERE id = :versionId AND dataset_id = :datasetId")
    Optional<DatasetVersionRow> findVersion(long datasetId, UUID versionId);

    /** The version written after this one (the one before it in {@link #findPage}'s order), if any. */
    @Query(
            """
            SELECT n.* FROM dataset_versions v JOIN dataset_versions n ON n.dataset_id = v.dataset_id
                AND (n.created_at > v.created_at OR (n.created_at = v.created_at AND n.id < v.id))
            WHERE v.id = :versionId AND v.dataset_id = :datasetId
            ORDER BY n.created_at, n.id DESC LIMIT 1""")
    Optional<DatasetVersionRow> findNext(long datasetId, UUID versionId);
}
