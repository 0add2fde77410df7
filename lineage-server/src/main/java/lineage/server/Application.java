package lineage.server;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import lineage.server.store.EmbeddedDatabase;

/**
 * Starts the lineage server. Without {@code LINEAGE_DB_URL} it first starts an embedded PostgreSQL whose data lives in
 * {@code LINEAGE_DATA_DIR} (default {@code ./data}) and survives restarts.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "lineage-server",
                        version = "${api.version}",
                        description = "OpenLineage ingestion and a Marquez-style lineage read API"))
public final class Application {
    private Application() {}

    public static void main(String[] arguments) {
        EmbeddedDatabase.startUnlessConfigured(System.getenv());
        Micronaut.build(arguments).mainClass(Application.class).start();
    }
}
