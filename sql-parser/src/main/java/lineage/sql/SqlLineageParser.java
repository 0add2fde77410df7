package lineage.sql;

import static java.util.Objects.requireNonNull;

import lineage.sql.analysis.ScriptAnalyzer;

/**
 * Turns SQL text (one statement or a {@code ;}-separated script) into table- and column-level lineage, as
 * {@code docs/sql-lineage.md} defines it. Trino SQL first; PostgreSQL, Hive/Spark and dbt- or Airflow-rendered SQL too.
 *
 * <p>Stateless and thread-safe. It never throws for bad SQL: invalid or refused input gives a {@link SqlLineage} whose
 * {@link SqlLineage#error()} says where and why. Every call returns within about two seconds (the default budget of {@link ParseOptions#timeBudget}), whatever
 * the input.
 */
public final class SqlLineageParser {
    /** Lineage with no defaults and no schemas: one- and two-part names stay partly qualified. */
    public SqlLineage parse(String sql) {
        return parse(sql, ParseOptions.defaults());
    }

    public SqlLineage parse(String sql, ParseOptions options) {
        requireNonNull(sql, "sql is null");
        requireNonNull(options, "options is null");
        return ScriptAnalyzer.analyze(sql, options);
    }
}
