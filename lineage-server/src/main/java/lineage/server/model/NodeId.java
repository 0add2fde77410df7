package lineage.server.model;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A node of the lineage graph, as the API names it: {@code dataset:<namespace>:<name>}, {@code job:<namespace>:<name>}
 * or {@code datasetField:<namespace>:<dataset>:<field>}.
 *
 * <p>Namespaces may hold {@code :} and {@code /} ({@code trino://localhost:8085}), so ids are parsed from the right:
 * the name is what follows the last {@code :}, and for a field, the field follows the last {@code :} and the dataset
 * name the one before it. A name that itself holds {@code :} cannot be named this way. URL-encoded ids are accepted.
 */
public record NodeId(Type type, String namespace, String name, Optional<String> field) implements Comparable<NodeId> {
    public enum Type {
        DATASET("dataset"),
        JOB("job"),
        DATASET_FIELD("datasetField");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public NodeId {
        requireNonNull(type, "type is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        requireNonNull(field, "field is null");
        if (namespace.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("namespace and name must not be empty");
        }
        if ((type == Type.DATASET_FIELD) != field.isPresent()) {
            throw new IllegalArgumentException("only a datasetField node has a field");
        }
    }

    public static NodeId dataset(String namespace, String name) {
        return new NodeId(Type.DATASET, namespace, name, Optional.empty());
    }

    public static NodeId job(String namespace, String name) {
        return new NodeId(Type.JOB, namespace, name, Optional.empty());
    }

    public static NodeId field(String namespace, String dataset, String field) {
        return new NodeId(Type.DATASET_FIELD, namespace, dataset, Optional.of(field));
    }

    /** Parses an id, URL-decoding it first when it holds a {@code %}. */
    public static NodeId parse(String value) {
        requireNonNull(value, "value is null");
        String id = value.contains("%") ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
        int colon = id.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + value + "' is not a node id (type:namespace:name)");
        }
        String prefix = id.substring(0, colon);
        String rest = id.substring(colon + 1);
        for (Type type : Type.values()) {
            if (type.prefix.equals(prefix)) {
                return parse(type, rest, value);
            }
        }
        throw new IllegalArgumentException(
                "'" + value + "' has an unknown node type '" + prefix + "' (dataset, job or datasetField)");
    }

    private static NodeId parse(Type type, String rest, String value) {
        int last = rest.lastIndexOf(':');
        if (last <= 0 || last == rest.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' needs a namespace and a name");
        }
        if (type != Type.DATASET_FIELD) {
            return new NodeId(type, rest.substring(0, last), rest.substring(last + 1), Optional.empty());
        }
        String withoutField = rest.substring(0, last);
        int before = withoutField.lastIndexOf(':');
        if (before <= 0 || before == withoutField.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' needs a namespace, a dataset and a field");
        }
        return new NodeId(
                type,
                withoutField.substring(0, before),
                withoutField.substring(before + 1),
                Optional.of(rest.substring(last + 1)));
    }

    /**
     * Mixes each part's hash before adding the next (MurmurHash3's finaliser). The record's own hash is a polynomial
     * of its parts' hashes, as {@link String#hashCode} is of characters, so names numbered in two places ({@code
     * kafka-2}/{@code ds_123} and {@code kafka-1}/{@code ds_133}) collide in bulk, and the graph's hash maps turned
     * buckets into trees; equal ids still hash alike, the parts being those {@link #equals} compares.
     */
    @Override
    public int hashCode() {
        int hash = mix(type.ordinal() + 1);
        hash = mix(hash * 31 + namespace.hashCode());
        hash = mix(hash * 31 + name.hashCode());
        return field.isEmpty() ? hash : mix(hash * 31 + field.get().hashCode());
    }

    private static int mix(int hash) {
        int mixed = hash;
        mixed ^= mixed >>> 16;
        mixed *= 0x85ebca6b;
        mixed ^= mixed >>> 13;
        mixed *= 0xc2b2ae35;
        return mixed ^ (mixed >>> 16);
    }

    /** The id as the API writes it. */
    public String value() {
        return type.prefix + ":" + namespace + ":" + name
                + field.map(value -> ":" + value).orElse("");
    }

    /** In the order of {@link #value()}, without building the strings (ingestion sorts every batch's nodes). */
    @Override
    public int compareTo(NodeId other) {
        if (type == other.type && namespace.equals(other.namespace)) {
            // The common case, and a short cut: what follows the same "type:namespace:" decides.
            return field.isEmpty()
                    ? name.compareTo(other.name)
                    : compareJoined(new String[] {name, field.get()}, new String[] {other.name, other.field.get()});
        }
        return compareJoined(parts(), other.parts());
    }

    private String[] parts() {
        return field.map(value -> new String[] {type.prefix, namespace, name, value})
                .orElseGet(() -> new String[] {type.prefix, namespace, name});
    }

    /** Compares the parts as {@link String#compareTo} compares them joined by {@code :}. */
    static int compareJoined(String[] left, String[] right) {
        int leftPart = 0;
        int leftIndex = 0;
        int rightPart = 0;
        int rightIndex = 0;
        while (true) {
            int leftChar = joinedChar(left, leftPart, leftIndex);
            int rightChar = joinedChar(right, rightPart, rightIndex);
            if (leftChar != rightChar || leftChar < 0) {
                return leftChar - rightChar;
            }
            if (leftIndex == left[leftPart].length()) {
                leftPart++;
                leftIndex = 0;
            } else {
                leftIndex++;
            }
            if (rightIndex == right[rightPart].length()) {
                rightPart++;
                rightIndex = 0;
            } else {
                rightIndex++;
            }
        }
    }

    /** The character at a position of the joined parts: a part's own, the {@code :} after it, or -1 at the end. */
    private static int joinedChar(String[] parts, int part, int index) {
        if (index < parts[part].length()) {
            return parts[part].charAt(index);
        }
        return part + 1 < parts.length ? ':' : -1;
    }

    @Override
    public String toString() {
        return value();
    }
}
