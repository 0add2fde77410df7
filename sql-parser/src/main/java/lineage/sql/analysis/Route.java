package lineage.sql.analysis;

import java.util.List;
import java.util.Optional;

/** What to do with one statement, decided from its tokens before any grammar runs. */
sealed interface Route {
    /** A name read from tokens, with where it was. */
    record TokenName(List<String> parts, Token at) {}

    /** SHOW, DESCRIBE, SET, transaction control, CREATE SCHEMA, plain EXPLAIN and the like: no lineage. */
    record NoLineage() implements Route {}

    /** {@code USE catalog.schema} or {@code USE schema}: changes the defaults of the statements after it. */
    record Use(TokenName name) implements Route {}

    /** DDL without a query: its tables are outputs. */
    record Ddl(List<TokenName> outputs) implements Route {}

    /**
     * A statement for the grammar. {@code target} is present when the statement creates a table or view from the query
     * that {@code text} holds (the CREATE part is already blanked out), with the column names it gives, if any.
     */
    record Parse(
            String text,
            Optional<TokenName> target,
            List<String> targetColumns,
            List<String> notes,
            List<MatchRecognize> matchRecognizes)
            implements Route {}

    /** Not valid SQL. */
    record Invalid(Token at, String message) implements Route {}
}
