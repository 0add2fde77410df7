package lineage.server.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import lineage.server.ingest.CachedSqlParser;
import lineage.sql.ParseOptions;
import lineage.sql.SqlComments;
import lineage.sql.SqlFingerprint;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * The job of a Trino query: the same for every run of the same statement, different for different statements, and
 * computed from the query text alone, so that every event of a query names the same job whichever listener sent it.
 *
 * <ol>
 *   <li>An explicit name: dbt's {@code node_id} in the statement's leading {@code /* {...} *}{@code /} comment, else
 *       Airflow's {@code dag_id.task_id} in the client info (HTTP listener only).
 *   <li>A write: {@code <kind>.<output table>.<8 hex of the fingerprint>}, e.g. {@code
 *       insert.insights.default.daily_order_summary.1f2e3d4c}, the table as the statement names it, lower-cased.
 *   <li>Anything else: {@code <kind>.<16 hex of the fingerprint>}, e.g. {@code select.0123456789abcdef}.
 * </ol>
 *
 * The parts are joined by {@code .}, not {@code :}, because node ids ({@code job:<namespace>:<name>}) are split at the
 * last {@code :}.
 */
public final class TrinoJobNames {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES =
            Set.of("insert", "merge", "update", "delete", "create_table", "create_view", "truncate");

    private final CachedSqlParser parser;

    public TrinoJobNames(CachedSqlParser parser) {
        this.parser = parser;
    }

    /** The job of a query text, without client info. */
    public String name(String sql) {
        return name(new QueryParses(parser, sql, ParseOptions.defaults()), Optional.empty());
    }

    /** The job of a query text with the client info the session carried. */
    public String name(String sql, String clientInfo) {
        return name(new QueryParses(parser, sql, ParseOptions.defaults()), Optional.of(clientInfo));
    }

    /** The job of a query text with the client info the session carried, if any. */
    String name(QueryParses query, Optional<String> clientInfo) {
        return explicitName(query.sql(), clientInfo).orElseGet(() -> derivedName(query));
    }

    static Optional<String> explicitName(String sql, Optional<String> clientInfo) {
        Optional<String> dbt = SqlComments.leading(sql)
                .flatMap(TrinoJobNames::object)
                .map(comment -> comment.path("node_id").asText(""))
                .filter(nodeId -> !nodeId.isBlank());
        if (dbt.isPresent()) {
            return dbt;
        }
        return clientInfo.flatMap(TrinoJobNames::object).flatMap(info -> {
            String dag = info.path("dag_id").asText("");
            String task = info.path("task_id").asText("");
            return dag.isBlank() || task.isBlank() ? Optional.empty() : Optional.of(dag + "." + task);
        });
    }

    private String derivedName(QueryParses query) {
        String sql = query.sql();
        SqlFingerprint statement = SqlFingerprint.of(sql);
        String kind = statement.kind();
        String fingerprint = statement.hash();
        if (WRITES.contains(kind)) {
            Optional<String> output = output(query.withoutDefaults());
            if (output.isPresent()) {
                return kind + "." + output.get() + "." + fingerprint.substring(0, 8);
            }
        }
        return kind + "." + fingerprint.substring(0, 16);
    }

    private static Optional<String> output(SqlLineage lineage) {
        return lineage.outputs().stream()
                .findFirst()
                .map(TableRef::qualifiedName)
                .map(name -> name.toLowerCase(Locale.ROOT));
    }

    private static Optional<JsonNode> object(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException exception) {
            return Optional.empty();
        }
    }
}
