package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import lineage.server.model.NodeId;
import lineage.server.store.SearchReader;

/** {@code GET /api/v1/search}: how many datasets and jobs match, and the first of them. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SearchResponse(long totalCount, List<Result> results) {
    static SearchResponse of(SearchReader.SearchPage page) {
        return new SearchResponse(
                page.totalCount(), page.hits().stream().map(Result::of).toList());
    }

    /** A match: {@code type} is {@code DATASET} or {@code JOB}, {@code nodeId} its lineage node. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(String type, String name, Instant updatedAt, String namespace, String nodeId) {
        static Result of(SearchReader.Hit hit) {
            NodeId node = hit.type() == SearchReader.Type.DATASET
                    ? NodeId.dataset(hit.namespace(), hit.name())
                    : NodeId.job(hit.namespace(), hit.name());
            return new Result(
                    hit.type().name(), hit.name(), hit.updatedAt().toInstant(), hit.namespace(), node.value());
        }
    }
}
