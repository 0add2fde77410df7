package lineage.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;
import java.util.Optional;

/**
 * The Trino cluster whose events this server ingests ({@code lineage.trino.*}).
 *
 * @param namespace the cluster's OpenLineage namespace, {@code trino://<host>:<port>}, when it is set explicitly: every
 *     Trino dataset and job is named in it. Unset, the cluster names itself: its OpenLineage listener's {@code
 *     trino.uri}, else the first address its events show (docs/identity.md)
 * @param namespaceAliases other addresses of the same cluster as its events show them (the OpenLineage listener's
 *     {@code trino.uri}, the coordinator address in the HTTP listener's {@code metadata.uri}), as URIs of any scheme
 *     with a host and port; events naming one of them are mapped to {@code namespace}, which they need. Blank entries
 *     are dropped.
 */
@ConfigurationProperties("lineage.trino")
public record TrinoConfig(Optional<String> namespace, @Bindable(defaultValue = "") List<String> namespaceAliases) {
    public TrinoConfig {
        namespace = namespace == null
                ? Optional.empty()
                : namespace.map(String::strip).filter(text -> !text.isEmpty());
        namespaceAliases = namespaceAliases == null
                ? List.of()
                : namespaceAliases.stream()
                        .map(String::strip)
                        .filter(alias -> !alias.isEmpty())
                        .toList();
    }
}
