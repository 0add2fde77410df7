package lineage.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A dataset column for the schema facet: its name and, when known, its type (as the database spells it). */
public record Field(String name, Optional<String> type) {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("invalid field name: '" + name + "'");
        }
    }

    public static Field of(String name, String type) {
        return new Field(name, Optional.of(requireNonNull(type, "type is null")));
    }

    public static Field of(String name) {
        return new Field(name, Optional.empty());
    }
}
