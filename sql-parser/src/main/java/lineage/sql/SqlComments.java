package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import lineage.sql.analysis.Fingerprints;

/** What tools write into SQL comments, such as dbt's {@code /* {"node_id": ...} *}{@code /}. Thread-safe. */
public final class SqlComments {
    private SqlComments() {}

    /**
     * The text of the comment that opens the statement ({@code /* … *}{@code /} or {@code -- …} before its first
     * token), without its markers and stripped of surrounding whitespace. Empty when the text opens with anything else
     * or with an unterminated comment. Never throws.
     */
    public static Optional<String> leading(String sql) {
        requireNonNull(sql, "sql is null");
        return Fingerprints.leadingComment(sql);
    }
}
