package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.identity.Alias;
import lineage.server.identity.Aliases;
import lineage.server.identity.Identity;
import lineage.server.identity.IdentityMetrics;

/**
 * Gives every name an event uses its canonical identity ({@link Identity}): the job's namespace, each dataset's
 * namespace and name, and the {@code namespace}/{@code name} pairs inside dataset facets (column lineage's input
 * fields). The event as received stays in the log; this is what is projected, the same live and when the log is
 * reprocessed. Returns the same event when nothing changes.
 */
@Singleton
public class IdentityEvents {
    /** A facet that declares other names of its dataset: its identifiers are aliases, not references to resolve. */
    private static final String SYMLINKS = "symlinks";

    private final Identity identity;
    private final IdentityMetrics metrics;

    public IdentityEvents(Identity identity, IdentityMetrics metrics) {
        this.identity = identity;
        this.metrics = metrics;
    }

    public LineageEvent resolve(LineageEvent event) {
        Aliases aliases = learnSymlinks(event, identity.aliases());
        Optional<LineageEvent.JobRef> job = event.job().map(ref -> job(ref, aliases));
        Optional<LineageEvent.DatasetRef> dataset = event.dataset().map(ref -> dataset(ref, aliases));
        Optional<List<LineageEvent.DatasetRef>> inputs = event.inputs().map(refs -> datasets(refs, aliases));
        Optional<List<LineageEvent.DatasetRef>> outputs = event.outputs().map(refs -> datasets(refs, aliases));
        if (same(job, event.job())
                && same(dataset, event.dataset())
                && sameAll(inputs, event.inputs())
                && sameAll(outputs, event.outputs())) {
            return event;
        }
        return new LineageEvent(
                event.kind(),
                event.eventType(),
                event.eventTime(),
                event.runId(),
                job,
                dataset,
                inputs,
                outputs,
                event.producer(),
                event.payload(),
                event.edgeSource());
    }

    /**
     * Learns the other names a dataset's {@code symlinks} facet declares ({@code identifiers: [{namespace, name,
     * type}]}), each an alias of the dataset, except that a Trino name (the mesh's {@code catalog.schema.table}, which
     * carries its domain) stays canonical when the other is not. An identifier that already resolves to the dataset
     * changes nothing; a malformed one is skipped and counted. Returns the aliases in force afterwards.
     */
    private Aliases learnSymlinks(LineageEvent event, Aliases aliases) {
        List<LineageEvent.DatasetRef> datasets = new ArrayList<>();
        event.dataset().ifPresent(datasets::add);
        event.inputs().ifPresent(datasets::addAll);
        event.outputs().ifPresent(datasets::addAll);
        Aliases current = aliases;
        for (LineageEvent.DatasetRef dataset : datasets) {
            JsonNode identifiers = dataset.facets().path(SYMLINKS).path("identifiers");
            if (!identifiers.isArray()) {
                continue;
            }
            for (JsonNode identifier : identifiers) {
                JsonNode namespace = identifier.path("namespace");
                JsonNode name = identifier.path("name");
                if (!namespace.isTextual()
                        || !name.isTextual()
                        || namespace.asText().isBlank()
                        || name.asText().isBlank()) {
                    metrics.refused("malformed symlink");
                    continue;
                }
                Aliases.DatasetName self = current.dataset(dataset.namespace(), dataset.name());
                Aliases.DatasetName other = current.dataset(namespace.asText(), name.asText());
                if (self.equals(other)) {
                    continue;
                }
                boolean otherIsTrino = other.namespace().startsWith("trino://")
                        && !self.namespace().startsWith("trino://");
                Aliases.DatasetName alias = otherIsTrino ? self : other;
                Aliases.DatasetName canonical = otherIsTrino ? other : self;
                boolean learned = identity.learn(Alias.dataset(
                        alias.namespace(),
                        alias.name(),
                        canonical.namespace(),
                        canonical.name(),
                        Alias.Origin.SYMLINKS,
                        Optional.of("symlinks facet of " + dataset.namespace() + " " + dataset.name())));
                if (!learned) {
                    metrics.refused("vetoed or conflicting symlink");
                }
                current = identity.aliases();
            }
        }
        return current;
    }

    private static LineageEvent.JobRef job(LineageEvent.JobRef job, Aliases aliases) {
        String namespace = aliases.namespace(job.namespace());
        return namespace.equals(job.namespace()) ? job : new LineageEvent.JobRef(namespace, job.name(), job.facets());
    }

    private static List<LineageEvent.DatasetRef> datasets(List<LineageEvent.DatasetRef> datasets, Aliases aliases) {
        List<LineageEvent.DatasetRef> resolved = new ArrayList<>(datasets.size());
        boolean changed = false;
        for (LineageEvent.DatasetRef dataset : datasets) {
            LineageEvent.DatasetRef one = dataset(dataset, aliases);
            changed |= one != dataset;
            resolved.add(one);
        }
        return changed ? resolved : datasets;
    }

    private static LineageEvent.DatasetRef dataset(LineageEvent.DatasetRef dataset, Aliases aliases) {
        Aliases.DatasetName name = aliases.dataset(dataset.namespace(), dataset.name());
        boolean renamed =
                !name.namespace().equals(dataset.namespace()) || !name.name().equals(dataset.name());
        JsonNode facets = dataset.facets();
        if (facets.isObject() && refersToRenamed(facets, aliases)) {
            facets = facets.deepCopy();
            resolveReferences((ObjectNode) facets, aliases);
        } else if (!renamed) {
            return dataset;
        }
        return new LineageEvent.DatasetRef(name.namespace(), name.name(), facets);
    }

    /** Whether a {@code namespace}/{@code name} pair in the facets (other than symlinks) resolves to another name. */
    private static boolean refersToRenamed(JsonNode node, Aliases aliases) {
        if (node.isObject()) {
            JsonNode namespace = node.get("namespace");
            if (namespace != null && namespace.isTextual()) {
                JsonNode name = node.get("name");
                if (name != null && name.isTextual()) {
                    Aliases.DatasetName resolved = aliases.dataset(namespace.asText(), name.asText());
                    if (!resolved.namespace().equals(namespace.asText())
                            || !resolved.name().equals(name.asText())) {
                        return true;
                    }
                } else if (!aliases.namespace(namespace.asText()).equals(namespace.asText())) {
                    return true;
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals(SYMLINKS) && refersToRenamed(field.getValue(), aliases)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (refersToRenamed(element, aliases)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void resolveReferences(JsonNode node, Aliases aliases) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode namespace = object.get("namespace");
            if (namespace != null && namespace.isTextual()) {
                JsonNode name = object.get("name");
                if (name != null && name.isTextual()) {
                    Aliases.DatasetName resolved = aliases.dataset(namespace.asText(), name.asText());
                    object.put("namespace", resolved.namespace());
                    object.put("name", resolved.name());
                } else {
                    object.put("namespace", aliases.namespace(namespace.asText()));
                }
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (!field.getKey().equals(SYMLINKS)) {
                    resolveReferences(field.getValue(), aliases);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> resolveReferences(element, aliases));
        }
    }

    private static <T> boolean same(Optional<T> one, Optional<T> other) {
        return one.isEmpty() || one.get() == other.get();
    }

    private static <T> boolean sameAll(Optional<List<T>> one, Optional<List<T>> other) {
        return one.isEmpty() || one.get() == other.get();
    }
}
