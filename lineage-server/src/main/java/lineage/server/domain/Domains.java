package lineage.server.domain;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lineage.server.config.DomainConfig;
import lineage.server.model.NodeId;

/**
 * Which domain a dataset belongs to: the configured domain whose name prefix matches it (longest first), else whose
 * namespace, else whose catalog; without one, the dataset's catalog (the first part of {@code catalog.schema.table},
 * how Trino names tables and how the data mesh splits domains), and for other names (or a blank catalog) its
 * namespace. Total: every dataset has a domain, so no stored name can make a read fail here.
 */
@Singleton
public class Domains {
    /** The domain of a dataset whose catalog and namespace are both blank (which only old stored events can name). */
    public static final String UNNAMED = "(unnamed)";

    private final List<Map.Entry<String, Domain>> prefixes = new ArrayList<>();
    private final Map<String, Domain> namespaces = new TreeMap<>();
    private final Map<String, Domain> catalogs = new TreeMap<>();
    private final Map<String, Domain> configured = new TreeMap<>();

    public Domains(List<DomainConfig> configs) {
        for (DomainConfig config : configs) {
            Domain domain = new Domain(config.name(), config.owner(), config.contact());
            configured.put(domain.name(), domain);
            config.prefixes().orElse(List.of()).forEach(prefix -> prefixes.add(Map.entry(lower(prefix), domain)));
            config.namespaces().orElse(List.of()).forEach(namespace -> namespaces.put(namespace, domain));
            config.catalogs().orElse(List.of()).forEach(catalog -> catalogs.put(lower(catalog), domain));
        }
        prefixes.sort(Comparator.comparing(
                        (Map.Entry<String, Domain> entry) -> entry.getKey().length())
                .reversed()
                .thenComparing(Map.Entry::getKey));
    }

    /** The domain of a dataset (or of a field's dataset). */
    public Domain of(NodeId dataset) {
        String name = lower(dataset.name());
        for (Map.Entry<String, Domain> prefix : prefixes) {
            if (name.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        Domain byNamespace = namespaces.get(dataset.namespace());
        if (byNamespace != null) {
            return byNamespace;
        }
        Optional<String> catalog = catalog(name);
        if (catalog.isPresent()) {
            Domain configuredCatalog = catalogs.get(catalog.get());
            return configuredCatalog != null ? configuredCatalog : byName(catalog.get());
        }
        return byName(dataset.namespace());
    }

    /** The configured domains, by name. */
    public List<Domain> configured() {
        return List.copyOf(configured.values());
    }

    private Domain byName(String name) {
        Domain domain = configured.get(name);
        if (domain != null) {
            return domain;
        }
        return Domain.unowned(name.isBlank() ? UNNAMED : name);
    }

    /** The first part of a three-part name ({@code catalog.schema.table}) when it is not blank. */
    private static Optional<String> catalog(String name) {
        String[] parts = name.split("\\.", -1);
        return parts.length == 3 && !parts[0].isBlank() ? Optional.of(parts[0]) : Optional.empty();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
