package lineage.server.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a name resolves to, at one moment: the namespace aliases, the dataset aliases and the catalogs' physical homes,
 * with every chain already followed (an alias of an alias resolves in one step). Immutable; {@link Identity} holds the
 * current one.
 *
 * <p>A dataset name resolves in this order: the naming spec ({@link Naming}), the namespace's alias, the catalog whose
 * physical home it is, then the dataset's own alias.
 */
public final class Aliases {
    private final Map<String, String> namespaces;
    private final Map<DatasetName, DatasetName> datasets;
    private final Map<String, List<CatalogHome>> homes;
    private final Optional<String> trinoNamespace;
    private final List<Alias> all;

    /** A dataset's namespace and name. */
    public record DatasetName(String namespace, String name) {}

    private Aliases(
            Map<String, String> namespaces,
            Map<DatasetName, DatasetName> datasets,
            Map<String, List<CatalogHome>> homes,
            Optional<String> trinoNamespace,
            List<Alias> all) {
        this.namespaces = namespaces;
        this.datasets = datasets;
        this.homes = homes;
        this.trinoNamespace = trinoNamespace;
        this.all = List.copyOf(all);
    }

    public static Aliases none() {
        return of(List.of(), List.of(), Optional.empty());
    }

    /**
     * The aliases, the catalogs' homes and the Trino cluster's namespace they map to (none: the homes are not applied
     * yet). An alias that would close a cycle is left out (the first of a cycle, in the given order, wins).
     */
    public static Aliases of(List<Alias> aliases, List<CatalogHome> catalogHomes, Optional<String> trinoNamespace) {
        Map<String, String> namespaces = new HashMap<>();
        List<Alias> kept = new ArrayList<>();
        for (Alias alias : aliases) {
            if (!alias.isNamespace()) {
                continue;
            }
            String from = Naming.namespace(alias.aliasNamespace());
            String to = follow(namespaces, Naming.namespace(alias.canonicalNamespace()));
            if (from.equals(to) || namespaces.containsKey(from)) {
                continue;
            }
            namespaces.replaceAll((key, value) -> value.equals(from) ? to : value);
            namespaces.put(from, to);
            kept.add(alias);
        }
        Map<String, List<CatalogHome>> homes = new HashMap<>();
        if (trinoNamespace.isPresent()) {
            for (CatalogHome home : catalogHomes) {
                String namespace = follow(namespaces, Naming.namespace(home.namespace()));
                homes.computeIfAbsent(namespace, key -> new ArrayList<>()).add(home);
            }
        }
        Aliases partial = new Aliases(namespaces, Map.of(), homes, trinoNamespace, List.of());
        Map<DatasetName, DatasetName> datasets = new HashMap<>();
        for (Alias alias : aliases) {
            if (alias.isNamespace()) {
                continue;
            }
            DatasetName from = partial.withoutDatasetAliases(alias.aliasNamespace(), alias.aliasName());
            DatasetName to = datasets.getOrDefault(
                    partial.withoutDatasetAliases(alias.canonicalNamespace(), alias.canonicalName()),
                    partial.withoutDatasetAliases(alias.canonicalNamespace(), alias.canonicalName()));
            if (from.equals(to) || datasets.containsKey(from)) {
                continue;
            }
            datasets.replaceAll((key, value) -> value.equals(from) ? to : value);
            datasets.put(from, to);
            kept.add(alias);
        }
        List<Alias> listed = new ArrayList<>(kept);
        if (trinoNamespace.isPresent()) {
            for (CatalogHome home : catalogHomes) {
                listed.add(Alias.dataset(
                        Naming.namespace(home.namespace()),
                        home.database().map(database -> database + ".*").orElse("*"),
                        trinoNamespace.get(),
                        home.catalog() + ".*",
                        Alias.Origin.CATALOG_MAPPING,
                        Optional.empty()));
            }
        }
        return new Aliases(Map.copyOf(namespaces), Map.copyOf(datasets), Map.copyOf(homes), trinoNamespace, listed);
    }

    private static String follow(Map<String, String> namespaces, String namespace) {
        return namespaces.getOrDefault(namespace, namespace);
    }

    /** The canonical namespace of a job's or a data source's namespace. */
    public String namespace(String namespace) {
        String normal = Naming.namespace(namespace);
        return namespaces.getOrDefault(normal, normal);
    }

    /** The canonical namespace and name of a dataset. */
    public DatasetName dataset(String namespace, String name) {
        DatasetName resolved = withoutDatasetAliases(namespace, name);
        return datasets.isEmpty() ? resolved : datasets.getOrDefault(resolved, resolved);
    }

    private DatasetName withoutDatasetAliases(String namespace, String name) {
        String canonicalNamespace = namespace(namespace);
        String canonicalName = Naming.name(canonicalNamespace, name);
        if (!homes.isEmpty()) {
            List<CatalogHome> catalogHomes = homes.get(canonicalNamespace);
            if (catalogHomes != null) {
                for (CatalogHome home : catalogHomes) {
                    Optional<String> trinoName = home.trinoName(canonicalName);
                    if (trinoName.isPresent()) {
                        String trino = trinoNamespace.orElseThrow();
                        return new DatasetName(trino, Naming.name(trino, trinoName.get()));
                    }
                }
            }
        }
        if (canonicalNamespace.equals(namespace) && canonicalName.equals(name)) {
            return new DatasetName(namespace, name);
        }
        return new DatasetName(canonicalNamespace, canonicalName);
    }

    /** Whether any alias or home applies; when none does, only the naming spec changes names. */
    public boolean isEmpty() {
        return namespaces.isEmpty() && datasets.isEmpty() && homes.isEmpty();
    }

    /** Every alias in force (the homes as catalog-mapping aliases of {@code <database>.*}), in the order learned. */
    public List<Alias> all() {
        return all;
    }

    /** The other names known for a canonical dataset: its dataset aliases and physical names through the homes. */
    public List<DatasetName> aliasesOf(String namespace, String name) {
        DatasetName canonical = dataset(namespace, name);
        List<DatasetName> names = new ArrayList<>();
        Set<DatasetName> seen = new HashSet<>();
        datasets.forEach((alias, target) -> {
            if (target.equals(canonical) && seen.add(alias)) {
                names.add(alias);
            }
        });
        if (trinoNamespace.isPresent() && canonical.namespace().equals(trinoNamespace.get())) {
            homes.forEach((physical, catalogHomes) -> catalogHomes.forEach(home -> home.physicalName(canonical.name())
                    .map(physicalName -> new DatasetName(physical, physicalName))
                    .filter(seen::add)
                    .ifPresent(names::add)));
        }
        namespaces.forEach((alias, target) -> {
            if (target.equals(canonical.namespace())) {
                DatasetName other = new DatasetName(alias, canonical.name());
                if (seen.add(other)) {
                    names.add(other);
                }
            }
        });
        names.sort(java.util.Comparator.comparing(DatasetName::namespace).thenComparing(DatasetName::name));
        return names;
    }

    /** The namespaces that are aliases of {@code canonical}. */
    public List<String> namespaceAliasesOf(String canonical) {
        return namespaces.entrySet().stream()
                .filter(entry -> entry.getValue().equals(canonical))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
