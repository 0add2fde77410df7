package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;
import lineage.server.identity.Alias;

/**
 * An alias in {@code GET /api/v1/aliases}: the other name ({@code name} null for a whole namespace), the canonical name
 * it resolves to, where it was learned, and when what was stored under it was merged (null for configuration's
 * aliases, which apply at every start, and for one not merged yet).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AliasResponse(
        Name alias,
        Name canonical,
        String origin,
        @Nullable String evidence,
        @Nullable OffsetDateTime learnedAt,
        @Nullable OffsetDateTime mergedAt) {
    /** A namespace, or a dataset of one. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Name(String namespace, @Nullable String name) {
        static Name of(String namespace, String name) {
            return new Name(namespace, name.isEmpty() ? null : name);
        }
    }

    static AliasResponse of(Alias alias) {
        return new AliasResponse(
                Name.of(alias.aliasNamespace(), alias.aliasName()),
                Name.of(alias.canonicalNamespace(), alias.canonicalName()),
                alias.origin().value(),
                alias.evidence().orElse(null),
                alias.learnedAt().orElse(null),
                alias.mergedAt().orElse(null));
    }
}
