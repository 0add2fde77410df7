package lineage.bench;

import java.time.Instant;
import java.util.List;

/**
 * The standard facets a real producer (Trino's listener, dbt-ol) puts on an event, written into the load's events for
 * {@code --facets standard}: the run's {@code parent} and {@code nominalTime}, the job's {@code sql} and {@code
 * jobType}, each dataset's {@code schema} and {@code dataSource}, and the output's {@code columnLineage} (one field per
 * input). Valid against the OpenLineage spec's schemas; about 3 KB an event with three inputs.
 */
final class StandardFacets {
    private static final String PRODUCER = "\"_producer\":\"https://github.com/lineage/bench\",";
    private static final String SPEC = "https://openlineage.io/spec/facets/";
    private static final String PARENT = "0193a5b0-0000-7000-8000-0000000b0001";

    private StandardFacets() {}

    static void run(StringBuilder json, Instant time) {
        json.append(",\"facets\":{\"parent\":{")
                .append(PRODUCER)
                .append(schemaUrl("1-1-0/ParentRunFacet"))
                .append("\"run\":{\"runId\":\"")
                .append(PARENT)
                .append("\"},\"job\":{\"namespace\":\"scheduler\",\"name\":\"daily\"}},")
                .append("\"nominalTime\":{")
                .append(PRODUCER)
                .append(schemaUrl("1-0-1/NominalTimeRunFacet"))
                .append("\"nominalStartTime\":\"")
                .append(time)
                .append("\"}}");
    }

    static void job(StringBuilder json, List<Names.Name> inputs, Names.Name output) {
        json.append(",\"facets\":{\"sql\":{")
                .append(PRODUCER)
                .append(schemaUrl("1-1-0/SQLJobFacet"))
                .append("\"query\":\"INSERT INTO ")
                .append(output.name())
                .append(" SELECT ");
        for (int index = 0; index < inputs.size(); index++) {
            json.append(index == 0 ? "" : ", ").append("c").append(index);
        }
        json.append(" FROM ")
                .append(inputs.isEmpty() ? "dual" : inputs.get(0).name())
                .append("\",\"dialect\":\"trino\"},\"jobType\":{")
                .append(PRODUCER)
                .append(schemaUrl("2-0-3/JobTypeJobFacet"))
                .append("\"processingType\":\"BATCH\",\"integration\":\"TRINO\",\"jobType\":\"QUERY\"}}");
    }

    static void input(StringBuilder json, Names.Name input) {
        json.append(",\"facets\":{");
        schemaAndSource(json, input, 3);
        json.append("}");
    }

    static void output(StringBuilder json, List<Names.Name> inputs, Names.Name output) {
        json.append(",\"facets\":{");
        schemaAndSource(json, output, inputs.size());
        json.append(",\"columnLineage\":{")
                .append(PRODUCER)
                .append(schemaUrl("1-2-0/ColumnLineageDatasetFacet"))
                .append("\"fields\":{");
        for (int index = 0; index < inputs.size(); index++) {
            json.append(index == 0 ? "" : ",")
                    .append("\"c")
                    .append(index)
                    .append("\":{\"inputFields\":[{\"namespace\":\"")
                    .append(inputs.get(index).namespace())
                    .append("\",\"name\":\"")
                    .append(inputs.get(index).name())
                    .append("\",\"field\":\"c0\",\"transformations\":[{\"type\":\"DIRECT\",")
                    .append("\"subtype\":\"IDENTITY\",\"description\":\"\",\"masking\":false}]}]}");
        }
        json.append("}}}");
    }

    private static void schemaAndSource(StringBuilder json, Names.Name dataset, int columns) {
        json.append("\"schema\":{").append(PRODUCER).append(schemaUrl("1-1-1/SchemaDatasetFacet")).append("\"fields\":[");
        for (int index = 0; index < Math.max(1, columns); index++) {
            json.append(index == 0 ? "" : ",")
                    .append("{\"name\":\"c")
                    .append(index)
                    .append("\",\"type\":\"bigint\"}");
        }
        json.append("]},\"dataSource\":{")
                .append(PRODUCER)
                .append(schemaUrl("1-0-1/DatasourceDatasetFacet"))
                .append("\"name\":\"")
                .append(dataset.namespace())
                .append("\",\"uri\":\"")
                .append(dataset.namespace())
                .append("\"}");
    }

    private static String schemaUrl(String facet) {
        String name = facet.substring(facet.indexOf('/') + 1);
        return "\"_schemaURL\":\"" + SPEC + facet + ".json#/$defs/" + name + "\",";
    }
}
