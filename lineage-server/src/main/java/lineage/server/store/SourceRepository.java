package lineage.server.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The data sources datasets name, by name. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SourceRepository extends GenericRepository<SourceRow, String> {
    Optional<SourceRow> findById(String name);

    @Query("SELECT * FROM sources ORDER BY name LIMIT :limit OFFSET :offset")
    List<SourceRow> findPage(int limit, int offset);
}
