package lineage.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lineage.server.config.TrinoSyncConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.ingest.CanonicalJson;
import lineage.server.ingest.EventIngester;
import lineage.server.ingest.KnownLineage;
import lineage.server.model.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a Trino catalog says about itself: each view's definition from {@code information_schema.views}, ingested
 * as the finished {@code CREATE VIEW} it stands for (through {@link TrinoIngester}, so the SQL parser gives the view →
 * base-table edges, source {@code sql}, as for any query the engine reported no tables for), and each table's columns
 * from {@code information_schema.columns}, ingested as an OpenLineage DatasetEvent with a schema facet. So views
 * created before the server started have lineage, and datasets have all their columns.
 *
 * <p>A view or table whose definition or columns are unchanged since the last sync of this server is not sent again. A
 * view that some job already writes (its CREATE VIEW was seen by a listener, maybe under a dbt model's name) keeps that
 * lineage: the sync would otherwise add a second job, named after its own text, writing the same view.
 */
@Singleton
public class TrinoCatalogSync {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoCatalogSync.class);
    private static final String PRODUCER = "https://github.com/lineage/lineage-server/trino-catalog-sync";
    private static final String DATASET_EVENT =
            "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent";
    private static final String SCHEMA_FACET = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json";

    private final TrinoCluster cluster;
    private final TrinoIngester trinoIngester;
    private final EventIngester ingester;
    private final TrinoClusters clusters;
    private final TrinoSyncConfig config;
    private final KnownLineage known;
    /** Guarded by {@code this}: the hash of what was last sent for each {@code view <name>} and {@code table <name>}. */
    private final Map<String, String> sent = new HashMap<>();

    public TrinoCatalogSync(
            TrinoCluster cluster,
            TrinoIngester trinoIngester,
            EventIngester ingester,
            TrinoClusters clusters,
            TrinoSyncConfig config,
            KnownLineage known) {
        this.cluster = cluster;
        this.trinoIngester = trinoIngester;
        this.ingester = ingester;
        this.clusters = clusters;
        this.config = config;
        this.known = known;
    }

    /**
     * The namespace of the synced tables: the one cluster's (configured or learned), else the address the sync connects
     * to; identity maps it like every Trino address.
     */
    private String namespace() {
        return clusters.cluster()
                .or(() -> cluster.url().flatMap(url -> TrinoClusters.address(url.replaceFirst("^jdbc:", ""))))
                .orElseGet(clusters::clusterOrDefault);
    }

    /** What one sync read and sent, per catalog: views and tables read, and how many of them were new or changed. */
    public record Result(String catalog, int views, int tables, int viewsChanged, int tablesChanged) {}

    @Scheduled(fixedDelay = "${lineage.trino.sync.interval:1h}", initialDelay = "10s")
    void syncOnSchedule() {
        if (config.catalogs().isEmpty() || cluster.url().isEmpty()) {
            return;
        }
        try {
            sync(config.catalogs());
        } catch (LineageException failure) {
            // Logged where it failed; the next interval tries again.
            LOG.debug("Scheduled Trino catalog sync failed: {}", failure.getMessage());
        }
    }

    /** Syncs each catalog; {@code TRINO_NOT_CONFIGURED} without a JDBC URL, {@code TRINO_UNAVAILABLE} when Trino fails. */
    public synchronized List<Result> sync(List<String> catalogs) {
        if (cluster.url().isEmpty()) {
            throw new LineageException(
                    ErrorCode.TRINO_NOT_CONFIGURED,
                    "set lineage.trino.poller.url (LINEAGE_TRINO_JDBC_URL) to sync catalogs");
        }
        try (Connection connection = cluster.connect()) {
            requireKnown(connection, catalogs);
            return catalogs.stream()
                    .map(catalog -> syncCatalog(connection, catalog))
                    .toList();
        } catch (SQLException failure) {
            throw unavailable(failure);
        }
    }

    /** An unknown catalog is the caller's mistake, not Trino's: a 400 naming it. */
    private static void requireKnown(Connection connection, List<String> catalogs) throws SQLException {
        Set<String> known = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT catalog_name FROM system.metadata.catalogs")) {
            while (result.next()) {
                known.add(result.getString(1));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        for (int index = 0; index < catalogs.size(); index++) {
            if (!known.contains(catalogs.get(index))) {
                errors.add(new FieldError(
                        "catalogs[" + index + "]", "'" + catalogs.get(index) + "' is not a catalog of this Trino"));
            }
        }
        if (!errors.isEmpty()) {
            throw new LineageException(ErrorCode.INVALID_PARAMETER, errors.size() + " unknown catalog(s)", errors);
        }
    }

    private Result syncCatalog(Connection connection, String catalog) {
        try {
            int[] views = views(connection, catalog);
            int[] tables = tables(connection, catalog);
            LOG.info(
                    "Synced Trino catalog {}: {} view(s) ({} changed), {} table(s) ({} changed)",
                    catalog,
                    views[0],
                    views[1],
                    tables[0],
                    tables[1]);
            return new Result(catalog, views[0], tables[0], views[1], tables[1]);
        } catch (SQLException failure) {
            throw unavailable(failure);
        }
    }

    private int[] views(Connection connection, String catalog) throws SQLException {
        String sql = "SELECT table_schema, table_name, view_definition FROM " + quote(catalog)
                + ".information_schema.views ORDER BY table_schema, table_name";
        int read = 0;
        int changed = 0;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                read++;
                String schema = result.getString(1);
                String name = catalog + "." + schema + "." + result.getString(2);
                String definition = result.getString(3);
                String hash = hash(definition == null ? "" : definition);
                boolean written = known.isWritten(NodeId.dataset(namespace(), name));
                if (definition != null && !written && !hash.equals(sent.get("view " + name))) {
                    trinoIngester.ingest(createView(catalog, schema, name, definition));
                    sent.put("view " + name, hash);
                    changed++;
                }
            }
        }
        return new int[] {read, changed};
    }

    /** A finished CREATE VIEW as Trino's HTTP listener would report it, without the engine's tables. */
    private static JsonNode createView(String catalog, String schema, String name, String definition) {
        String sql = "CREATE OR REPLACE VIEW " + name + " AS\n" + definition;
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("createTime", now);
        event.put("endTime", now);
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("queryId", "catalog_sync_" + hash(sql).substring(0, 24));
        metadata.put("query", sql);
        metadata.put("queryState", "FINISHED");
        metadata.put("updateType", "CREATE VIEW");
        event.putObject("context")
                .put("catalog", catalog)
                .put("schema", schema)
                .put("source", TrinoCluster.SOURCE)
                .put("queryType", "DATA_DEFINITION");
        return event;
    }

    private int[] tables(Connection connection, String catalog) throws SQLException {
        String sql = "SELECT table_schema, table_name, column_name, data_type FROM " + quote(catalog)
                + ".information_schema.columns WHERE table_schema <> 'information_schema'"
                + " ORDER BY table_schema, table_name, ordinal_position";
        Map<String, ArrayNode> fields = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                String name = catalog + "." + result.getString(1) + "." + result.getString(2);
                fields.computeIfAbsent(name, key -> JsonNodeFactory.instance.arrayNode())
                        .addObject()
                        .put("name", result.getString(3))
                        .put("type", result.getString(4));
            }
        }
        int changed = 0;
        for (Map.Entry<String, ArrayNode> table : fields.entrySet()) {
            String hash = hash(table.getValue().toString());
            if (!hash.equals(sent.get("table " + table.getKey()))) {
                ingester.ingest(datasetEvent(table.getKey(), table.getValue()));
                sent.put("table " + table.getKey(), hash);
                changed++;
            }
        }
        return new int[] {fields.size(), changed};
    }

    private JsonNode datasetEvent(String name, ArrayNode fields) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventTime", OffsetDateTime.now(ZoneOffset.UTC).toString());
        event.put("producer", PRODUCER);
        event.put("schemaURL", DATASET_EVENT);
        ObjectNode dataset = event.putObject("dataset");
        dataset.put("namespace", namespace());
        dataset.put("name", name);
        ObjectNode schema = dataset.putObject("facets").putObject("schema");
        schema.put("_producer", PRODUCER);
        schema.put("_schemaURL", SCHEMA_FACET + "#/$defs/SchemaDatasetFacet");
        schema.set("fields", fields);
        return event;
    }

    private static String hash(String text) {
        return CanonicalJson.hash(JsonNodeFactory.instance.textNode(text));
    }

    private static String quote(String catalog) {
        if (!TrinoSyncConfig.CATALOG.matcher(catalog).matches()) {
            throw new IllegalArgumentException("'" + catalog + "' is not a catalog name");
        }
        return "\"" + catalog + "\"";
    }

    /** Trino's message can hold SQL, so it goes to the log, not to the client. */
    private LineageException unavailable(SQLException failure) {
        LOG.warn("Trino catalog sync against {} failed", cluster.url().orElse("?"), failure);
        LineageException exception = new LineageException(
                ErrorCode.TRINO_UNAVAILABLE,
                "reading information_schema from " + cluster.url().orElse("?") + " failed; the server log says why");
        exception.initCause(failure);
        return exception;
    }
}
