package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import lineage.sql.analysis.Fingerprints;

/**
 * The shape of a SQL statement, apart from what changes between runs of the same statement: a nightly INSERT with a
 * new date literal keeps its fingerprint.
 *
 * <p>{@code text} is the statement's tokens joined by one space, without comments and without trailing {@code ;}:
 * string and numeric literals become {@code ?} (a literal's prefix word stays: {@code DATE '2026-11-23'} is {@code
 * date ?}, {@code X'00'} is {@code x ?}), unquoted words are lower-cased, quoted names are kept as written and
 * operators are spelled one character apart ({@code < =}). An unterminated string runs to the end of the text and
 * becomes {@code ?}; an unterminated quoted name is kept; an unterminated comment is dropped.
 *
 * <p>{@code kind} is the statement's kind from its leading words: {@code select} for a query ({@code SELECT},
 * {@code WITH}, {@code VALUES}, {@code TABLE} or a parenthesis); the verb for {@code insert}, {@code merge}, {@code
 * update}, {@code delete}, {@code truncate}, {@code use}, {@code show}, {@code describe}, {@code explain}, {@code
 * call}, {@code analyze}, {@code grant}, {@code revoke}, {@code deny}, {@code set}, {@code reset}, {@code commit},
 * {@code rollback}, {@code start}, {@code prepare}, {@code execute}, {@code deallocate}, {@code comment} and {@code
 * refresh}; for DDL the verb and its object after {@code OR REPLACE}, {@code MATERIALIZED} and {@code IF [NOT]
 * EXISTS} ({@code create_table}, {@code create_view}, {@code drop_table}, {@code alter_table}), or the verb alone when
 * no word follows; and {@code query} for anything else, such as a misspelt verb.
 *
 * <p>Values are immutable and thread-safe; {@link #of} never throws for any text.
 */
public record SqlFingerprint(String text, String kind) {
    public SqlFingerprint {
        requireNonNull(text, "text is null");
        requireNonNull(kind, "kind is null");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("kind is blank");
        }
    }

    /** The fingerprint of a statement (or of a script, taken as one text). */
    public static SqlFingerprint of(String sql) {
        requireNonNull(sql, "sql is null");
        return Fingerprints.of(sql);
    }

    /** The SHA-256 of {@link #text()} in UTF-8, as 64 lower-case hex digits. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("every JVM has SHA-256", exception);
        }
    }
}
