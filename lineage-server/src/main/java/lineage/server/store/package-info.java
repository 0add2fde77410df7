/**
 * PostgreSQL: the only package with SQL. Each table's reads and writes live in a class of their own ({@code *Store} for
 * hand-written writes and reads, {@code *Repository} for Micronaut Data queries, {@code *Reader} for reads that join
 * tables for one purpose), and hand back {@code *Row} records or {@code model} values.
 *
 * <p>The writes that project events into the model ({@link NamespaceStore}, {@link JobStore}, {@link DatasetStore},
 * {@link RunStore}, {@link EdgeStore}) are set-based: each method
 * writes all its rows in one statement (or one JDBC batch), whether they come from one event or a batch of thousands.
 * Hand-written SQL, because concurrent writers insert the same keys ({@code INSERT ... ON CONFLICT}). Rows are written
 * in key order, so that two transactions that write the same rows take their locks in the same order. Rows must be
 * distinct by key ({@code ON CONFLICT} cannot touch a row twice in one statement). Every method runs in the caller's
 * transaction.
 *
 * <p>Rows of a batch are looked up in a table by key through {@code CROSS JOIN LATERAL (... OFFSET 0)}, which keeps
 * each lookup a probe of the table's unique index whatever PostgreSQL's statistics say. As plain joins of an {@code
 * unnest} of the parameters, a plan cached while a table was small (a hash join over all of it) stayed in use once it
 * had grown: a seq scan of all datasets for each event.
 */
package lineage.server.store;
