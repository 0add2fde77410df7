package lineage.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads answers of {@code GET /api/v1/lineage} (Marquez's shape: a {@code graph} of nodes with ids). */
public final class LineageAnswers {
    private LineageAnswers() {}

    /** The ids of the answer's nodes, in its order. */
    public static List<String> ids(JsonNode lineage) {
        List<String> ids = new ArrayList<>();
        lineage.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    /** The answer's node of that id; fails when there is none. */
    public static JsonNode node(JsonNode lineage, String id) {
        for (JsonNode node : lineage.path("graph")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id + " in " + lineage);
    }
}
