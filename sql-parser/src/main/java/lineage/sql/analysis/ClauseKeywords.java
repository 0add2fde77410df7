package lineage.sql.analysis;

import java.util.Set;

/** Keywords that start a clause, so a word after a relation that is one of them is no alias. */
final class ClauseKeywords {
    static final Set<String> CLAUSES = Set.of(
            "WHERE",
            "GROUP",
            "HAVING",
            "ORDER",
            "LIMIT",
            "UNION",
            "EXCEPT",
            "INTERSECT",
            "WINDOW",
            "QUALIFY",
            "ON",
            "JOIN",
            "LEFT",
            "RIGHT",
            "INNER",
            "FULL",
            "CROSS",
            "NATURAL",
            "OFFSET",
            "FETCH",
            "USING",
            "SET",
            "WHEN");

    private ClauseKeywords() {}
}
