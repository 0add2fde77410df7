package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import lineage.server.store.ColumnLineageReader;

/**
 * Marquez's ColumnLineage, an item of a Dataset's {@code columnLineage}: a field of the dataset and the fields it is
 * made from (one per transformation), and, as Marquez still writes them, the first input's transformation at the top.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DatasetColumnLineageResponse(
        String name,
        List<InputField> inputFields,
        @Nullable String transformationDescription,
        @Nullable String transformationType) {

    /** Marquez's ColumnLineageInputField. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InputField(
            String namespace,
            String dataset,
            String field,
            @Nullable String transformationDescription,
            @Nullable String transformationType) {}

    /**
     * The fields of the edges (into one dataset, sorted by output field), in order; {@code null} when there are none,
     * as Marquez answers for a dataset without column lineage.
     */
    static @Nullable List<DatasetColumnLineageResponse> of(List<ColumnLineageReader.Edge> edges) {
        if (edges.isEmpty()) {
            return null;
        }
        List<DatasetColumnLineageResponse> fields = new ArrayList<>();
        List<InputField> inputs = new ArrayList<>();
        for (int index = 0; index < edges.size(); index++) {
            ColumnLineageReader.Edge edge = edges.get(index);
            ColumnLineageReader.Field input = edge.input();
            inputs.add(new InputField(
                    input.namespace(),
                    input.dataset(),
                    input.name(),
                    edge.description().orElse(null),
                    ColumnLineageResponse.InputField.transformationType(edge)));
            String name = edge.output().name();
            if (index + 1 == edges.size()
                    || !edges.get(index + 1).output().name().equals(name)) {
                fields.add(new DatasetColumnLineageResponse(
                        name,
                        List.copyOf(inputs),
                        inputs.get(0).transformationDescription(),
                        inputs.get(0).transformationType()));
                inputs.clear();
            }
        }
        return fields;
    }
}
