package lineage.server.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The visible (not hidden) datasets of a namespace. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasetRepository extends GenericRepository<DatasetRow, Long> {
    @Query("SELECT * FROM datasets WHERE namespace = :namespace AND name = :name AND NOT is_hidden")
    Optional<DatasetRow> findVisible(String namespace, String name);

    @Query("SELECT * FROM datasets WHERE namespace = :namespace AND NOT is_hidden ORDER BY name"
            + " LIMIT :limit OFFSET :offset")
    List<DatasetRow> findVisible(String namespace, int limit, int offset);

    @Query("SELECT count(*) FROM datasets WHERE namespace = :namespace AND NOT is_hidden")
    long countVisible(String namespace);
}
