package lineage.server.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NamespaceRepository extends GenericRepository<NamespaceRow, String> {
    /** Hidden namespaces too: asked for by name, a hidden namespace answers with {@code isHidden: true}. */
    Optional<NamespaceRow> findById(String name);

    boolean existsById(String name);

    @Query("SELECT * FROM namespaces WHERE NOT is_hidden ORDER BY name LIMIT :limit OFFSET :offset")
    List<NamespaceRow> findVisible(int limit, int offset);
}
