package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** {@code GET /api/v1/lineage/export}: the lineage subgraph as Graphviz DOT and GraphML, and its refusals. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiIT implements TestPropertyProvider {
    private static final String TRINO = "trino://localhost:8085";
    private static final String RAW = "dataset:" + TRINO + ":export.raw";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    /** raw → clean (job) → tidy → report (job) → summary: three datasets, two jobs, four edges. */
    @BeforeAll
    void postLineage() {
        post("export_clean", "export.raw", "export.tidy");
        post("export_report", "export.tidy", "export.summary");
    }

    @Test
    void dotParsesBackToTheLineageSubgraph() {
        HttpResponse<String> response = export(RAW, "&format=dot");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/vnd.graphviz"));
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        Graph<String, DefaultEdge> parsed = new DefaultDirectedGraph<>(DefaultEdge.class);
        DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((vertex, attribute) -> attributes
                .computeIfAbsent(vertex.getFirst(), key -> new LinkedHashMap<>())
                .put(vertex.getSecond(), attribute.getValue()));
        importer.importGraph(parsed, new StringReader(response.body()));

        JsonNode lineage = client().lineage(RAW, "");
        assertThat(parsed.vertexSet()).hasSize(lineage.path("graph").size()).hasSize(5);
        assertThat(parsed.edgeSet()).hasSize(edgeCount(lineage)).hasSize(4);
        assertThat(parsed.vertexSet()).contains(RAW, "job:ns:export_clean", "dataset:" + TRINO + ":export.summary");
        assertThat(parsed.containsEdge(RAW, "job:ns:export_clean")).isTrue();
        assertThat(attributes.get(RAW)).containsEntry("label", "export.raw").containsEntry("type", "DATASET");
        assertThat(attributes.get("job:ns:export_report"))
                .containsEntry("label", "export_report")
                .containsEntry("type", "JOB");
    }

    @Test
    void dotIsTheDefaultFormatAndFollowsDirectionAndDepth() {
        HttpResponse<String> response = export("job:ns:export_report", "&direction=upstream&depth=0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/vnd.graphviz"));
        // Upstream, no further job: the report job and what it reads; not the job before it nor what report writes.
        assertThat(response.body())
                .startsWith("strict digraph lineage {")
                .contains("\"job:ns:export_report\"", "\"dataset:" + TRINO + ":export.tidy\"")
                .doesNotContain("export.summary", "export_clean", "export.raw");
    }

    @Test
    void graphMlIsWellFormedXmlWithLabelsAndTypes() throws Exception {
        HttpResponse<String> response = export(RAW, "&format=graphml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/graphml+xml"));
        Document document = xml(response.body());
        NodeList nodes = document.getElementsByTagName("node");
        NodeList edges = document.getElementsByTagName("edge");
        assertThat(nodes.getLength()).isEqualTo(5);
        assertThat(edges.getLength()).isEqualTo(4);
        Map<String, String> keys = new LinkedHashMap<>();
        NodeList keyElements = document.getElementsByTagName("key");
        for (int index = 0; index < keyElements.getLength(); index++) {
            Element key = (Element) keyElements.item(index);
            keys.put(key.getAttribute("id"), key.getAttribute("attr.name"));
        }
        assertThat(keys).containsValues("label", "type");
        Element raw = find(nodes, RAW);
        Map<String, String> data = new LinkedHashMap<>();
        NodeList dataElements = raw.getElementsByTagName("data");
        for (int index = 0; index < dataElements.getLength(); index++) {
            Element element = (Element) dataElements.item(index);
            data.put(keys.get(element.getAttribute("key")), element.getTextContent());
        }
        assertThat(data).containsEntry("label", "export.raw").containsEntry("type", "DATASET");
    }

    @Test
    void anUnknownFormatIsA400Problem() {
        HttpResponse<String> response = export(RAW, "&format=svg");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_PARAMETER");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("format");
        assertThat(problem.path("detail").asText()).isEqualTo("format must be dot or graphml");
    }

    @Test
    void anUnknownNodeIsA404LikeLineage() {
        String unknown = "dataset:" + TRINO + ":export.nowhere";
        HttpResponse<String> export = export(unknown, "&format=graphml");
        HttpResponse<String> lineage =
                client().get("/api/v1/lineage?nodeId=" + URLEncoder.encode(unknown, StandardCharsets.UTF_8));

        assertThat(export.statusCode()).isEqualTo(404).isEqualTo(lineage.statusCode());
        assertThat(export.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(ServerClient.json(export.body())).isEqualTo(ServerClient.json(lineage.body()));
        assertThat(ServerClient.json(export.body()).path("code").asText()).isEqualTo("DATASET_NOT_FOUND");
    }

    @Test
    void aMissingNodeIdIsA400Problem() {
        HttpResponse<String> response = client().get("/api/v1/lineage/export?format=dot");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ServerClient.json(response.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("nodeId");
    }

    private HttpResponse<String> export(String nodeId, String query) {
        return client().get(
                        "/api/v1/lineage/export?nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8) + query);
    }

    private void post(String job, String input, String output) {
        String event = TestEvents.runEventJson(
                UUID.randomUUID(),
                "COMPLETE",
                job,
                "\"inputs\": [{\"namespace\": \"" + TRINO + "\", \"name\": \"" + input + "\"}],"
                        + " \"outputs\": [{\"namespace\": \"" + TRINO + "\", \"name\": \"" + output + "\"}]");
        assertThat(client().post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
    }

    private static int edgeCount(JsonNode lineage) {
        int edges = 0;
        for (JsonNode node : lineage.path("graph")) {
            edges += node.path("outEdges").size();
        }
        return edges;
    }

    private static Element find(NodeList nodes, String id) {
        for (int index = 0; index < nodes.getLength(); index++) {
            Element node = (Element) nodes.item(index);
            if (node.getAttribute("id").equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id);
    }

    private static Document xml(String text) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }
}
