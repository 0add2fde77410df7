package lineage.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A job as OpenLineage names it, with the job facets the SDK sets: its namespace (the emitter's when absent), its
 * owner (ownership facet) and its job type (jobType facet: processing type BATCH, integration LINEAGE_SDK, job type
 * such as {@code JOB}, {@code TASK} or {@code QUERY}).
 */
public record Job(String name, Optional<String> namespace, Optional<String> owner, String jobType) {
    public Job {
        requireNonNull(name, "name is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(jobType, "jobType is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("invalid job name: '" + name + "'");
        }
        if (namespace.isPresent() && namespace.get().isBlank()) {
            throw new IllegalArgumentException("invalid job namespace: '" + namespace.get() + "'");
        }
    }

    /** A job of type {@code JOB} in the emitter's namespace, without owner. */
    public static Job named(String name) {
        return new Job(name, Optional.empty(), Optional.empty(), "JOB");
    }

    public Job inNamespace(String namespace) {
        return new Job(name, Optional.of(requireNonNull(namespace, "namespace is null")), owner, jobType);
    }

    /** The owning team or person, reported in the ownership job facet. */
    public Job ownedBy(String owner) {
        return new Job(name, namespace, Optional.of(requireNonNull(owner, "owner is null")), jobType);
    }

    public Job ofType(String jobType) {
        return new Job(name, namespace, owner, jobType);
    }
}
