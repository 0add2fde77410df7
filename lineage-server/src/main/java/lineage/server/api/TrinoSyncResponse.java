package lineage.server.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What {@code POST /api/v1/trino/sync} read, per catalog, in the order asked. */
@Serdeable
public record TrinoSyncResponse(List<Catalog> catalogs) {
    /** Views and tables read, and how many of them were new or changed since this server's last sync. */
    @Serdeable
    public record Catalog(String catalog, int views, int tables, int viewsChanged, int tablesChanged) {}
}
