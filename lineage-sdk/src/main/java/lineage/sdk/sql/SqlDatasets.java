package lineage.sdk.sql;

import io.openlineage.client.OpenLineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lineage.sql.ColumnLineage;
import lineage.sql.ColumnRef;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * Maps the sql-parser's {@link SqlLineage} to OpenLineage datasets: every input and output table in the context's
 * namespace, named {@code catalog.schema.table} as the parser qualified it, and the column lineage of each output as
 * its {@code columnLineage} facet (DIRECT and INDIRECT transformations with their subtypes). Stateless.
 */
public final class SqlDatasets {
    private SqlDatasets() {}

    /** The input datasets, in the parser's (sorted) order. */
    public static List<OpenLineage.InputDataset> inputs(
            OpenLineage openLineage, SqlLineage lineage, SqlContext context) {
        List<OpenLineage.InputDataset> inputs = new ArrayList<>();
        for (TableRef table : lineage.inputs()) {
            inputs.add(openLineage
                    .newInputDatasetBuilder()
                    .namespace(context.namespace())
                    .name(name(table))
                    .build());
        }
        return inputs;
    }

    /** The output datasets, in the parser's (sorted) order, each with its column-lineage facet when it has edges. */
    public static List<OpenLineage.OutputDataset> outputs(
            OpenLineage openLineage, SqlLineage lineage, SqlContext context) {
        List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
        for (TableRef table : lineage.outputs()) {
            OpenLineage.OutputDatasetBuilder output = openLineage
                    .newOutputDatasetBuilder()
                    .namespace(context.namespace())
                    .name(name(table));
            columnLineage(openLineage, lineage, table, context)
                    .ifPresent(facet -> output.facets(openLineage
                            .newDatasetFacetsBuilder()
                            .columnLineage(facet)
                            .build()));
            outputs.add(output.build());
        }
        return outputs;
    }

    /** The column-lineage facet of one output table; empty when no edge ends in it. */
    public static Optional<OpenLineage.ColumnLineageDatasetFacet> columnLineage(
            OpenLineage openLineage, SqlLineage lineage, TableRef output, SqlContext context) {
        // Output column → input column → transformations, in the parser's sorted order.
        Map<String, Map<ColumnRef, List<OpenLineage.InputFieldTransformations>>> columns = new LinkedHashMap<>();
        for (ColumnLineage edge : lineage.columnLineage()) {
            if (!edge.output().table().equals(output)) {
                continue;
            }
            columns.computeIfAbsent(edge.output().name(), column -> new LinkedHashMap<>())
                    .computeIfAbsent(edge.input(), input -> new ArrayList<>())
                    .add(openLineage.newInputFieldTransformations(
                            edge.transformation().type().name(),
                            edge.transformation().subtype().name(),
                            "",
                            false));
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields =
                openLineage.newColumnLineageDatasetFacetFieldsBuilder();
        columns.forEach((column, inputs) -> {
            List<OpenLineage.InputField> inputFields = new ArrayList<>();
            inputs.forEach((input, transformations) -> inputFields.add(openLineage.newInputField(
                    context.namespace(), name(input.table()), input.name(), transformations)));
            fields.put(column, openLineage.newColumnLineageDatasetFacetFieldsAdditional(inputFields, null, null));
        });
        return Optional.of(openLineage.newColumnLineageDatasetFacet(fields.build(), List.of()));
    }

    /** {@code catalog.schema.table} as far as the parser could qualify it, lower-cased like the server's names. */
    public static String name(TableRef table) {
        return table.qualifiedName().toLowerCase(Locale.ROOT);
    }
}
