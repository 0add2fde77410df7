package lineage.sql.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import lineage.sql.ColumnLineage;
import lineage.sql.Diagnostic;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * The JSON answer of {@code bin/sql-lineage} for one input line (see {@code docs/sql-lineage.md}, "The command-line
 * contract"): sorted arrays, DIRECT edges in {@code columnLineage}, INDIRECT ones in {@code indirectLineage}, and
 * {@code error} only when no lineage can be trusted, in which case every list is empty.
 */
public final class LineageJson {
    private LineageJson() {}

    /** The answer as a JSON-ready map, keys in contract order. */
    public static Map<String, Object> answer(String id, SqlLineage lineage) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        if (lineage.error().isPresent()) {
            answer.put("inputs", List.of());
            answer.put("outputs", List.of());
            answer.put("columnLineage", List.of());
            answer.put("indirectLineage", List.of());
            answer.put("error", lineage.error().get().describe());
            answer.put("diagnostics", diagnostics(lineage));
            return answer;
        }
        answer.put("inputs", names(lineage.inputs()));
        answer.put("outputs", names(lineage.outputs()));
        answer.put("columnLineage", edges(lineage.directLineage()));
        answer.put("indirectLineage", edges(lineage.indirectLineage()));
        answer.put("error", null);
        answer.put("diagnostics", diagnostics(lineage));
        return answer;
    }

    /** An answer for a line that could not be read. */
    public static Map<String, Object> unreadable(String id, String reason) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("inputs", List.of());
        answer.put("outputs", List.of());
        answer.put("columnLineage", List.of());
        answer.put("error", reason);
        return answer;
    }

    private static List<String> names(List<TableRef> tables) {
        return tables.stream().map(TableRef::qualifiedName).sorted().toList();
    }

    private static List<Map<String, Object>> edges(List<ColumnLineage> edges) {
        Map<String, TreeSet<String>> byOutput = new TreeMap<>();
        for (ColumnLineage edge : edges) {
            byOutput.computeIfAbsent(edge.output().qualifiedName(), key -> new TreeSet<>())
                    .add(edge.input().qualifiedName());
        }
        List<Map<String, Object>> result = new ArrayList<>();
        byOutput.forEach((output, inputs) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("output", output);
            entry.put("inputs", List.copyOf(inputs));
            result.add(entry);
        });
        return result;
    }

    private static List<String> diagnostics(SqlLineage lineage) {
        List<String> messages = new ArrayList<>();
        for (Diagnostic diagnostic : lineage.diagnostics()) {
            if (!diagnostic.isError() || !diagnostic.equals(lineage.error().orElse(null))) {
                messages.add(diagnostic.code() + ": " + diagnostic.describe());
            }
        }
        return messages;
    }
}
