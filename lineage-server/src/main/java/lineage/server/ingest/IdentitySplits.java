package lineage.server.ingest;

import jakarta.inject.Singleton;
import java.util.Optional;
import lineage.server.identity.Alias;
import lineage.server.identity.Identity;

/**
 * Removing an alias splits its node again, as live ingestion would have left it without the alias: the alias is
 * removed and vetoed ("never merge", so that learning does not bring it back), then the node's part of the model is
 * projected again from the raw log with the aliases that remain. The scope is the canonical node (for a namespace
 * alias, every dataset and job of the canonical namespace) with the jobs that touched it: their projected rows are
 * cleared (operators' tags and soft deletes kept by name), all their events are projected again in the order they
 * arrived, and the datasets outside the scope that those events also name get back the state they had. One
 * transaction, while no ingestion runs on this server ({@link Visibility}); the graph is reloaded afterwards, and
 * replicas reload theirs when they see the split.
 *
 * <p>What retention has purged from the log is not there to project again: the split node keeps only what its
 * remaining events say (docs/identity.md).
 */
@Singleton
public class IdentitySplits {
    private final Identity identity;
    private final Reprojection reprojection;
    private final Visibility visibility;

    public IdentitySplits(Identity identity, Reprojection reprojection, Visibility visibility) {
        this.identity = identity;
        this.reprojection = reprojection;
        this.visibility = visibility;
    }

    /** Removes the stored alias and splits its node; empty when there was no such alias. */
    public Optional<Split> remove(String aliasNamespace, String aliasName) {
        return visibility.exclusively(() -> {
            try {
                return reprojection.split(aliasNamespace, aliasName);
            } catch (RuntimeException failure) {
                identity.reload();
                throw failure;
            }
        });
    }

    /** What a split did: the alias removed, and how many jobs, datasets and events it projected again. */
    public record Split(Alias alias, int jobs, int datasets, int events) {}
}
