package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;

/**
 * A row of {@code identity_aliases}: another name of a data source ({@code aliasName} and {@code canonicalName} empty:
 * a whole namespace) or of one dataset, the origin that taught it, and when what was stored under it was merged.
 */
public record AliasRow(
        String aliasNamespace,
        String aliasName,
        String canonicalNamespace,
        String canonicalName,
        String origin,
        @Nullable String evidence,
        OffsetDateTime learnedAt,
        @Nullable OffsetDateTime mergedAt) {}
