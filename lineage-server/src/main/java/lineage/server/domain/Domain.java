package lineage.server.domain;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A data-mesh domain: a name, and the owner to tell about changes when one is configured. */
public record Domain(String name, Optional<String> owner, Optional<String> contact) {
    public Domain {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(contact, "contact is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a domain name must not be blank");
        }
    }

    /** A domain nobody configured: named after a catalog or namespace, with no owner. */
    public static Domain unowned(String name) {
        return new Domain(name, Optional.empty(), Optional.empty());
    }
}
