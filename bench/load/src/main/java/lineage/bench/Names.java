package lineage.bench;

import java.util.Locale;

/**
 * How the load generator names the DAG's jobs and datasets ({@code --names}).
 *
 * <p>{@code plain} (the default): every job and dataset in the round's own namespace ({@code bench-…-single}), which
 * the server's identity resolution leaves as it is.
 *
 * <p>{@code aliases}: a share of them spelled as other producers would, so that identity resolution rewrites them. The
 * server must be configured as bench/ingest-benchmark.sh's {@code IDENTITY=1} does:
 *
 * <pre>
 * LINEAGE_TRINO_NAMESPACE=trino://trino.bench:8080
 * LINEAGE_TRINO_NAMESPACE_ALIASES=http://127.0.0.1:8080
 * LINEAGE_TRINO_CATALOGS_LAKEHOUSE_NAMESPACE=postgres://pg.bench:5432
 * LINEAGE_TRINO_CATALOGS_LAKEHOUSE_DATABASE=lake
 * </pre>
 *
 * Of the datasets (chosen by their name's hash), a third keep the plain name; a third are named in the Trino cluster's
 * second address, spelled {@code TRINO://127.0.0.1:8080/} (the naming spec makes it {@code trino://127.0.0.1:8080},
 * the alias {@code trino://trino.bench:8080}); a third in the catalog's physical home, spelled {@code
 * postgresql://PG.Bench} (the naming spec makes it {@code postgres://pg.bench:5432}, whose database {@code lake} is
 * the Trino catalog {@code lakehouse}: {@code lake.s.t} there is {@code lakehouse.s.t} in {@code
 * trino://trino.bench:8080}).
 * Every other job is named in the Trino cluster's second address. So that each round's jobs and datasets are new ones,
 * as with {@code plain}, the round's namespace moves into their names there: {@code lake.raw.source_1} becomes {@code
 * lake.<namespace>_raw.source_1}, {@code job_2} becomes {@code <namespace>.job_2}.
 */
enum Names {
    PLAIN,
    ALIASES;

    /** The Trino cluster's second address, as a producer might spell it. */
    static final String TRINO_ALIAS = "TRINO://127.0.0.1:8080/";
    /** The physical home of the Trino catalog {@code lakehouse}, as a producer might spell it. */
    static final String CATALOG_HOME = "postgresql://PG.Bench";

    /** A job's or a dataset's namespace and name. */
    record Name(String namespace, String name) {}

    static Names of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The name of the {@code index}th job, named {@code job}, in a round whose namespace is {@code namespace}. */
    Name job(String namespace, int index, String job) {
        if (this == PLAIN || index % 2 == 0) {
            return new Name(namespace, job);
        }
        return new Name(TRINO_ALIAS, namespace + "." + job);
    }

    /** The name of the dataset {@code dataset} ({@code lake.…}) in a round whose namespace is {@code namespace}. */
    Name dataset(String namespace, String dataset) {
        int share = this == PLAIN ? 0 : Math.floorMod(dataset.hashCode(), 3);
        if (share == 0) {
            return new Name(namespace, dataset);
        }
        int dot = dataset.indexOf('.');
        String name = dataset.substring(0, dot + 1) + namespace + "_" + dataset.substring(dot + 1);
        return new Name(share == 1 ? TRINO_ALIAS : CATALOG_HOME, name);
    }
}
