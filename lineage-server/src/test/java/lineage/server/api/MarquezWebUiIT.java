package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Marquez's own web UI (0.51) against this server, as a replay: each request its pages make
 * ({@code marquez/web-ui-requests.json}, read from the UI's source), in page order, built as the UI builds it, with the
 * status the UI expects and every field its components read present with the type they read, and the graph walks the
 * UI makes (a column's upstream through {@code inEdges[].destination}) reaching what they should. The data is what
 * {@link MarquezContractIT} loads (the jaffle-shop mesh and a run that fills the optional fields), plus a DatasetEvent
 * inside the events page's day, as producers send them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarquezWebUiIT implements TestPropertyProvider {
    private static final String DATASET_EVENT =
            """
            {"eventTime": "2026-11-23T14:20:00Z", "producer": "https://github.com/lineage/tests",
             "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
             "dataset": {"namespace": "postgres://warehouse:5432", "name": "public.customer_summary"}}""";

    private final MarquezShapes shapes = MarquezShapes.contract();
    private ServerClient client;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @BeforeAll
    void loadTheMesh() {
        client = new ServerClient(server.getURI());
        MarquezContractIT.load(client);
        MarquezContractIT.ok(client.post("/api/v1/lineage", DATASET_EVENT), "POST a DatasetEvent");
    }

    @TestFactory
    Stream<DynamicContainer> everyPageGetsWhatItReads() {
        List<DynamicContainer> pages = new ArrayList<>();
        for (JsonNode page :
                MarquezShapes.resource("/marquez/web-ui-requests.json").path("pages")) {
            List<DynamicTest> requests = new ArrayList<>();
            for (JsonNode request : page.path("requests")) {
                requests.add(DynamicTest.dynamicTest(
                        request.path("example").asText(),
                        () -> replay(page.path("page").asText(), request)));
            }
            pages.add(DynamicContainer.dynamicContainer(page.path("page").asText(), requests));
        }
        return pages.stream();
    }

    private void replay(String page, JsonNode request) {
        String example = request.path("example").asText();
        String method = example.substring(0, example.indexOf(' '));
        String path = example.substring(example.indexOf(' ') + 1);
        HttpResponse<String> response = MarquezContractIT.send(
                client,
                new MarquezContractIT.Call(
                        example, method, path, request.path("body").asText("")));
        String where = page + ": " + example;
        assertThat(response.statusCode())
                .as(where + ": status (body " + response.body() + ")")
                .isEqualTo(request.path("status").asInt());
        JsonNode reads = request.path("reads");
        if (reads.isEmpty()) {
            return;
        }
        JsonNode body = ServerClient.json(response.body());
        List<String> mismatches = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = reads.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> read = entries.next();
            mismatches.addAll(check(body, read.getKey(), read.getValue().asText(), reads));
        }
        assertThat(MarquezShapes.summary(mismatches))
                .as(where + ": what the UI reads")
                .isEmpty();
        for (JsonNode walk : request.path("walks")) {
            List<String> reaches = new ArrayList<>();
            walk.path("reaches").forEach(id -> reaches.add(id.asText()));
            assertThat(walk(body.path("graph"), walk.path("from").asText(), walk.path("follow")))
                    .as(where + ": " + walk.path("what").asText())
                    .containsExactlyInAnyOrderElementsOf(reaches);
        }
    }

    /**
     * The ids of the graph's nodes met from {@code from} by following, again and again, the edge ends named in {@code
     * follow} ({@code inEdges[].destination}) to the node of that id, as the UI's layout walks its graph.
     */
    static Set<String> walk(JsonNode graph, String from, JsonNode follow) {
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        graph.forEach(node -> nodes.put(node.path("id").asText(), node));
        Set<String> met = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String id = queue.removeFirst();
            if (!nodes.containsKey(id) || !met.add(id)) {
                continue;
            }
            for (JsonNode ends : follow) {
                String[] parts = ends.asText().split("\\[\\]\\.", 2);
                nodes.get(id)
                        .path(parts[0])
                        .forEach(edge -> queue.addLast(edge.path(parts[1]).asText()));
            }
        }
        return met;
    }

    /** The mismatches of one read ({@code path: type}) in an answer; {@code reads} says which parents may be null. */
    private List<String> check(JsonNode body, String path, String type, JsonNode reads) {
        List<String> mismatches = new ArrayList<>();
        List<Located> current = List.of(new Located(body, "$", ""));
        List<String> steps = steps(path);
        for (int index = 0; index < steps.size(); index++) {
            String step = steps.get(index);
            List<Located> next = new ArrayList<>();
            for (Located located : current) {
                if (located.node() == null || located.node().isMissingNode()) {
                    mismatches.add(located.where() + ": no such key, and the UI reads " + path);
                } else if (located.node().isNull()) {
                    if (!MarquezShapes.alternatives(reads.path(located.read()).asText(""))
                            .contains("null")) {
                        mismatches.add(located.where() + ": null, and the UI reads " + path + " without a guard");
                    }
                } else {
                    next.addAll(step(located, step, mismatches));
                }
            }
            current = next;
        }
        if (current.isEmpty() && mismatches.isEmpty()) {
            mismatches.add(path + ": no value to check (the replayed data does not exercise what the UI reads)");
        }
        for (Located located : current) {
            mismatches.addAll(shapes.mismatches(located.node(), type, located.where()));
        }
        return mismatches;
    }

    /** The values one step of a read path leads to from a present, non-null value. */
    private static List<Located> step(Located from, String step, List<String> mismatches) {
        List<Located> next = new ArrayList<>();
        String read = from.read() + step;
        if (!step.startsWith("[")) {
            String key = step.startsWith(".") ? step.substring(1) : step;
            if (!from.node().isObject()) {
                mismatches.add(from.where() + ": expected an object holding " + key);
            } else {
                next.add(new Located(from.node().get(key), from.where() + "." + key, read));
            }
            return next;
        }
        if (!from.node().isArray()) {
            mismatches.add(from.where() + ": expected an array");
            return next;
        }
        String filter = step.substring(1, step.length() - 1);
        int equals = filter.indexOf('=');
        for (int index = 0; index < from.node().size(); index++) {
            JsonNode element = from.node().get(index);
            if (equals < 0 || element.path(filter.substring(0, equals)).asText().equals(filter.substring(equals + 1))) {
                next.add(new Located(element, from.where() + "[" + index + "]", read));
            }
        }
        if (equals >= 0 && next.isEmpty()) {
            mismatches.add(from.where() + ": no element with " + filter);
        }
        return next;
    }

    /** {@code a.b[].c[k=v].d} as {@code a}, {@code .b}, {@code []}, {@code .c}, {@code [k=v]}, {@code .d}. */
    static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        int start = 0;
        int index = 0;
        while (index < path.length()) {
            char character = path.charAt(index);
            if (character == '[') {
                if (index > start) {
                    steps.add(path.substring(start, index));
                }
                int close = path.indexOf(']', index);
                steps.add(path.substring(index, close + 1));
                index = close + 1;
                start = index;
            } else if (character == '.' && index > start) {
                steps.add(path.substring(start, index));
                start = index;
                index++;
            } else {
                index++;
            }
        }
        if (start < path.length()) {
            steps.add(path.substring(start));
        }
        return steps;
    }

    /** A value an answer holds: where it is, and the read path that led to it (to look up whether it may be null). */
    private record Located(JsonNode node, String where, String read) {}
}
