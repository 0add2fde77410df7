package lineage.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What configuration says of identity: the Trino cluster's namespace when it is set explicitly, the other addresses
 * of that cluster (aliases of origin {@code config}) and where its catalogs physically live.
 */
public record IdentityConfiguration(
        Optional<String> trinoNamespace, List<Alias> aliases, List<CatalogHome> catalogHomes) {
    public IdentityConfiguration {
        requireNonNull(trinoNamespace, "trinoNamespace is null");
        aliases = List.copyOf(aliases);
        catalogHomes = List.copyOf(catalogHomes);
    }

    public static IdentityConfiguration none() {
        return new IdentityConfiguration(Optional.empty(), List.of(), List.of());
    }
}
