package lineage.server.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.Optional;

/**
 * Where a Trino catalog's tables physically live ({@code lineage.trino.catalogs.<catalog>.*}), so that the name other
 * producers give a table (a Spark JDBC job, Debezium, Airflow's PostgresOperator) is the Trino table's node.
 *
 * @param catalog the Trino catalog (the key under {@code lineage.trino.catalogs})
 * @param namespace the OpenLineage namespace of the system behind it, e.g. {@code postgres://pg-customers:5432}
 * @param database the database the catalog reads in that system (PostgreSQL names are {@code database.schema.table});
 *     none when the system's names have no database part
 */
@EachProperty("lineage.trino.catalogs")
public record TrinoCatalogConfig(@Parameter String catalog, String namespace, Optional<String> database) {
    public TrinoCatalogConfig {
        database = database == null
                ? Optional.empty()
                : database.map(String::strip).filter(text -> !text.isEmpty());
    }
}
