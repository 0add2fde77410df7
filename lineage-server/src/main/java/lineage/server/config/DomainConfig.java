package lineage.server.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * A data-mesh domain ({@code lineage.domains.<name>.*}): who owns it and which datasets belong to it. A dataset
 * belongs to the domain whose name prefix matches it (longest first), else whose namespace, else whose catalog (the
 * first part of {@code catalog.schema.table}). Without a matching domain, a dataset's domain is its catalog.
 *
 * @param name the domain's name (the key under {@code lineage.domains})
 * @param owner who owns the domain's data, to notify about breaking changes
 * @param contact how to reach the owner (an address, a channel)
 * @param catalogs Trino catalogs (first part of the dataset name) in the domain
 * @param namespaces dataset namespaces wholly in the domain
 * @param prefixes dataset name prefixes in the domain, such as {@code insights.marts.}
 */
@EachProperty("lineage.domains")
public record DomainConfig(
        @Parameter String name,
        Optional<String> owner,
        Optional<String> contact,
        Optional<List<String>> catalogs,
        Optional<List<String>> namespaces,
        Optional<List<String>> prefixes) {
    public DomainConfig {
        owner = owner == null ? Optional.empty() : owner;
        contact = contact == null ? Optional.empty() : contact;
        catalogs = catalogs == null ? Optional.empty() : catalogs.map(List::copyOf);
        namespaces = namespaces == null ? Optional.empty() : namespaces.map(List::copyOf);
        prefixes = prefixes == null ? Optional.empty() : prefixes.map(List::copyOf);
    }
}
