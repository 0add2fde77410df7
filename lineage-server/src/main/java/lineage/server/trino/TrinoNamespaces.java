package lineage.server.trino;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import lineage.server.config.TrinoConfig;

/**
 * The OpenLineage namespace of a Trino cluster ({@code trino://<host>:<port>}) for an address its events show. The
 * configured namespace and its aliases are the same cluster, compared by host and port whatever the scheme or path
 * ({@code http://127.0.0.1:8085/v1/query/…} is an alias {@code trino://127.0.0.1:8085}); any other address is a cluster of
 * its own, {@code trino://<host>:<port>}.
 */
public final class TrinoNamespaces {
    private final String namespace;
    private final Set<String> addresses = new LinkedHashSet<>();

    public TrinoNamespaces(String namespace, List<String> aliases) {
        this.namespace = requireNonNull(namespace, "namespace is null");
        address(namespace).ifPresent(addresses::add);
        requireNonNull(aliases, "aliases is null")
                .forEach(alias -> addresses.add(address(alias)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "alias '" + alias + "' has no host:port (trino://host:port)"))));
    }

    public static TrinoNamespaces of(TrinoConfig config) {
        return new TrinoNamespaces(config.namespace(), config.namespaceAliases());
    }

    /** The configured namespace. */
    public String namespace() {
        return namespace;
    }

    /**
     * The configured namespace for an address of this cluster; {@code trino://host:port} for another one; the address
     * itself when it has no host and port.
     */
    public String canonical(String address) {
        if (address.equals(namespace)) {
            return namespace;
        }
        Optional<String> hostAndPort = address(address);
        if (hostAndPort.isEmpty()) {
            return address;
        }
        return addresses.contains(hostAndPort.get()) ? namespace : "trino://" + hostAndPort.get();
    }

    /** Whether the address names this cluster. */
    public boolean isThisCluster(String address) {
        return address.equals(namespace)
                || address(address).map(addresses::contains).orElse(false);
    }

    /** {@code host:port}, lower-cased, of a URI with both. */
    private static Optional<String> address(String uri) {
        try {
            URI parsed = new URI(uri.strip());
            if (parsed.getHost() == null || parsed.getPort() < 0) {
                return Optional.empty();
            }
            return Optional.of(parsed.getHost().toLowerCase(Locale.ROOT) + ":" + parsed.getPort());
        } catch (URISyntaxException exception) {
            return Optional.empty();
        }
    }
}
