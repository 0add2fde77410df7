package lineage.sql;

import static java.util.Objects.requireNonNull;

/**
 * How an input column reaches an output column, in OpenLineage's vocabulary (the {@code transformations} of the
 * column-lineage dataset facet).
 */
public record Transformation(Type type, Subtype subtype) {
    public Transformation {
        requireNonNull(type, "type is null");
        requireNonNull(subtype, "subtype is null");
        if (subtype.type != type) {
            throw new IllegalArgumentException("subtype " + subtype + " is not " + type);
        }
    }

    public static Transformation of(Subtype subtype) {
        return new Transformation(subtype.type, subtype);
    }

    public boolean isDirect() {
        return type == Type.DIRECT;
    }

    /** DIRECT: the input's value flows into the output. INDIRECT: the input decides which rows or groups exist. */
    public enum Type {
        DIRECT,
        INDIRECT
    }

    public enum Subtype {
        /** The value is copied unchanged. */
        IDENTITY(Type.DIRECT),
        /** The value goes through an expression. */
        TRANSFORMATION(Type.DIRECT),
        /** The value goes through an aggregate function. */
        AGGREGATION(Type.DIRECT),
        /** A join condition. */
        JOIN(Type.INDIRECT),
        /** A WHERE, HAVING, QUALIFY or MERGE condition. */
        FILTER(Type.INDIRECT),
        /** A GROUP BY key. */
        GROUP_BY(Type.INDIRECT),
        /** An ORDER BY key. */
        SORT(Type.INDIRECT);

        private final Type type;

        Subtype(Type type) {
            this.type = type;
        }

        public Type type() {
            return type;
        }
    }
}
