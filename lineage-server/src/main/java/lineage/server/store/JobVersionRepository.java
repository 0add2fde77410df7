package lineage.server.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A job's versions, from its unique (job, hash) index. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobVersionRepository extends GenericRepository<JobVersionRow, UUID> {
    /** Newest first. */
    @Query("SELECT * FROM job_versions WHERE job_id = :jobId ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<JobVersionRow> findPage(long jobId, int limit, int offset);

    // Not "id": Micronaut Data would take a parameter of that name for the entity's id.
    @Query("SELECT * FROM job_versions WHERE id = :versionId AND job_id = :jobId")
    Optional<JobVersionRow> findVersion(long jobId, UUID versionId);
}
