package lineage.server.identity;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Another name of a data source or a dataset, and the canonical name it stands for. A namespace alias ({@link
 * #isNamespace()}: both names empty) makes every dataset and job of {@code aliasNamespace} the same-named one of {@code
 * canonicalNamespace}; a dataset alias names one dataset. {@code mergedAt} is when what was stored under the alias moved
 * onto the canonical node (empty: not yet, or an alias of configuration, which is applied at every start).
 */
public record Alias(
        String aliasNamespace,
        String aliasName,
        String canonicalNamespace,
        String canonicalName,
        Origin origin,
        Optional<String> evidence,
        Optional<OffsetDateTime> learnedAt,
        Optional<OffsetDateTime> mergedAt) {
    public Alias {
        requireNonNull(aliasNamespace, "aliasNamespace is null");
        requireNonNull(aliasName, "aliasName is null");
        requireNonNull(canonicalNamespace, "canonicalNamespace is null");
        requireNonNull(canonicalName, "canonicalName is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(evidence, "evidence is null");
        requireNonNull(learnedAt, "learnedAt is null");
        requireNonNull(mergedAt, "mergedAt is null");
        if (aliasName.isEmpty() != canonicalName.isEmpty()) {
            throw new IllegalArgumentException("an alias names two namespaces or two datasets, not one of each");
        }
    }

    /** A namespace alias. */
    public static Alias namespace(String alias, String canonical, Origin origin, Optional<String> evidence) {
        return new Alias(alias, "", canonical, "", origin, evidence, Optional.empty(), Optional.empty());
    }

    /** A dataset alias. */
    public static Alias dataset(
            String aliasNamespace,
            String aliasName,
            String canonicalNamespace,
            String canonicalName,
            Origin origin,
            Optional<String> evidence) {
        return new Alias(
                aliasNamespace,
                aliasName,
                canonicalNamespace,
                canonicalName,
                origin,
                evidence,
                Optional.empty(),
                Optional.empty());
    }

    public boolean isNamespace() {
        return aliasName.isEmpty();
    }

    /** Where an alias comes from. */
    public enum Origin {
        /** {@code lineage.trino.namespace-aliases}. */
        CONFIG("config"),
        /** One Trino query reported by both event listeners under two addresses. */
        TRINO_QUERY_ID("trino-query-id"),
        /** A dataset's {@code symlinks} facet. */
        SYMLINKS("symlinks"),
        /** {@code lineage.trino.catalogs.<catalog>.namespace} and {@code .database}. */
        CATALOG_MAPPING("catalog-mapping"),
        /** {@code PUT /api/v1/aliases}. */
        MANUAL("manual");

        private final String value;

        Origin(String value) {
            this.value = value;
        }

        /** The name the API and the store use. */
        public String value() {
            return value;
        }

        public static Optional<Origin> of(String value) {
            for (Origin origin : values()) {
                if (origin.value.equals(value)) {
                    return Optional.of(origin);
                }
            }
            return Optional.empty();
        }
    }
}
