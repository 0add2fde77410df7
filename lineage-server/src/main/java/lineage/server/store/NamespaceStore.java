package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The writes of {@code namespaces}, in the caller's transaction. Keeps the names known to be committed: events name
 * the same few namespaces over and over, and those are not written again.
 */
@Singleton
public class NamespaceStore {
    private final DataSource dataSource;
    private final Set<String> committedNamespaces = ConcurrentHashMap.newKeySet();

    public NamespaceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates the namespaces that are new. Namespaces known to be committed ({@link #rememberCommitted}) are skipped:
     * events name the same few namespaces over and over.
     */
    public void upsertNamespaces(Collection<String> names, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        TreeSet<String> wanted = new TreeSet<>(names);
        wanted.removeAll(committedNamespaces);
        if (wanted.isEmpty()) {
            return;
        }
        Statements.execute(
                dataSource,
                """
                INSERT INTO namespaces (name, created_at, updated_at)
                SELECT name, ?, ? FROM unnest(?::text[]) AS name ORDER BY name
                ON CONFLICT (name) DO UPDATE SET updated_at = GREATEST(namespaces.updated_at, EXCLUDED.updated_at),
                    is_hidden = FALSE""",
                (connection, statement) -> {
                    statement.setTimestamp(1, Statements.timestamp(createdAt));
                    statement.setTimestamp(2, Statements.timestamp(updatedAt));
                    statement.setArray(3, connection.createArrayOf("text", wanted.toArray()));
                });
    }

    /**
     * Marquez's {@code PUT /api/v1/namespaces/{namespace}}: creates the namespace, or sets its owner, and its
     * description when one is given (else it keeps its own), and shows it again if it was hidden (its datasets and jobs
     * stay hidden until events name them).
     */
    @Transactional
    public void putNamespace(String name, String ownerName, @Nullable String description) {
        Statements.execute(
                dataSource,
                """
                INSERT INTO namespaces (name, owner_name, description, created_at, updated_at)
                VALUES (?, ?, ?, now(), now())
                ON CONFLICT (name) DO UPDATE SET owner_name = EXCLUDED.owner_name,
                    description = COALESCE(EXCLUDED.description, namespaces.description),
                    updated_at = GREATEST(namespaces.updated_at, EXCLUDED.updated_at), is_hidden = FALSE""",
                (connection, statement) -> {
                    statement.setString(1, name);
                    statement.setString(2, ownerName);
                    statement.setString(3, description);
                });
    }

    /**
     * Shared locks on the namespaces a write is about to write, taken before it locks any row: it waits while an
     * identity merge of one of them runs (see {@link NamespaceLocks}).
     */
    public void lockForWriting(Collection<String> names) {
        NamespaceLocks.share(dataSource, names);
    }

    /** Called after a commit: these namespaces exist for good. */
    public void rememberCommitted(Collection<String> namespaces) {
        committedNamespaces.addAll(namespaces);
    }

    /** Called when a namespace is hidden: the next event naming it must write it (and show it again). */
    public void forgetCommitted(String namespace) {
        committedNamespaces.remove(namespace);
    }
}
