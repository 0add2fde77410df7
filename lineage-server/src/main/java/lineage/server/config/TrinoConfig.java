package lineage.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * The Trino cluster whose events this server ingests ({@code lineage.trino.*}).
 *
 * @param namespace the cluster's OpenLineage namespace, {@code trino://<host>:<port>}: every Trino dataset and job is
 *     named in it
 * @param namespaceAliases other addresses of the same cluster as its events show them (the OpenLineage listener's
 *     {@code trino.uri}, the coordinator address in the HTTP listener's {@code metadata.uri}), as URIs of any scheme
 *     with a host and port; events naming one of them are mapped to {@code namespace}. Blank entries are dropped.
 */
@ConfigurationProperties("lineage.trino")
public record TrinoConfig(
        @Bindable(defaultValue = "trino://localhost:8085") @NotBlank String namespace,
        @Bindable(defaultValue = "trino://127.0.0.1:8085") List<String> namespaceAliases) {
    public TrinoConfig {
        namespaceAliases = namespaceAliases == null
                ? List.of()
                : namespaceAliases.stream()
                        .map(String::strip)
                        .filter(alias -> !alias.isEmpty())
                        .toList();
    }
}
