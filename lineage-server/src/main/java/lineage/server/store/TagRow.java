package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/** A row of {@code tags}. */
public record TagRow(String name, @Nullable String description) {
    public TagRow {
        requireNonNull(name, "name is null");
    }
}
