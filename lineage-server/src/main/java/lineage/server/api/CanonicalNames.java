package lineage.server.api;

import jakarta.inject.Singleton;
import java.util.List;
import lineage.server.identity.Aliases;
import lineage.server.identity.Identity;
import lineage.server.model.NodeId;

/**
 * What a name in a request resolves to: the API answers an alias (a second address of a Trino cluster, a PostgreSQL
 * name of a Trino table, a {@code symlinks} identifier, a node id from before a merge) with its canonical node, as
 * ingestion names it. Every read and write that takes a namespace, a name or a node id resolves it here.
 */
@Singleton
public class CanonicalNames {
    private final Identity identity;

    public CanonicalNames(Identity identity) {
        this.identity = identity;
    }

    public NodeId node(NodeId node) {
        Aliases aliases = identity.aliases();
        return switch (node.type()) {
            case JOB -> NodeId.job(aliases.namespace(node.namespace()), node.name());
            case DATASET -> {
                Aliases.DatasetName dataset = aliases.dataset(node.namespace(), node.name());
                yield NodeId.dataset(dataset.namespace(), dataset.name());
            }
            case DATASET_FIELD -> {
                Aliases.DatasetName dataset = aliases.dataset(node.namespace(), node.name());
                yield NodeId.field(
                        dataset.namespace(), dataset.name(), node.field().orElseThrow());
            }
        };
    }

    public Aliases.DatasetName dataset(String namespace, String name) {
        return identity.aliases().dataset(namespace, name);
    }

    public String namespace(String namespace) {
        return identity.aliases().namespace(namespace);
    }

    /** The other names of a canonical dataset. */
    public List<Aliases.DatasetName> aliasesOf(String namespace, String name) {
        return identity.aliases().aliasesOf(namespace, name);
    }
}
