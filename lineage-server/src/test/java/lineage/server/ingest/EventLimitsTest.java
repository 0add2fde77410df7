package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TrinoCaptures;
import lineage.server.trino.TrinoClusters;
import lineage.server.trino.TrinoEventMapper;
import org.junit.jupiter.api.Test;

/** Every rule of {@link EventLimits}, with the paths it names, and every fixture event passing it. */
class EventLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID RUN = UUID.fromString("0193a5b0-0000-7000-8000-00000000a001");
    private static final List<String> OPEN_LINEAGE_FIXTURES =
            List.of("wire-shapes.json", "column-lineage-build-mart.json", "column-lineage-stage-orders.json");

    @Test
    void everyFixtureEventPasses() {
        List<JsonNode> events = fixtureEvents();
        assertThat(events).hasSizeGreaterThan(40);
        for (JsonNode event : events) {
            assertThat(EventParser.parse(event, "").eventTime()).isNotNull();
        }
        TrinoEventMapper mapper = new TrinoEventMapper(
                TrinoClusters.fixed(Optional.empty()), new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES));
        for (String file : TrinoCaptures.http()) {
            assertThat(mapper.map(TrinoCaptures.json(file)).event()).isNotNull();
        }
    }

    @Test
    void aNulAnywhereIsRefusedWithItsPath() {
        ObjectNode event = event();
        event.with("job").put("name", "load\u0000orders");
        event.with("run")
                .with("facets")
                .with("custom")
                .putArray("tags")
                .add("ok")
                .add("bad\u0000");
        event.withArray("inputs")
                .addObject()
                .put("namespace", "ns")
                .put("name", "t")
                .with("facets")
                .put("a\u0000b", 1);

        assertThat(errors(event))
                .containsExactly(
                        new FieldError(
                                "run.facets.custom.tags[1]",
                                "holds a NUL character (\\u0000), which cannot be" + " stored"),
                        new FieldError("job.name", "holds a NUL character (\\u0000), which cannot be stored"),
                        new FieldError(
                                "inputs[0].facets[\"a\\u0000b\"]",
                                "the key holds a NUL character (\\u0000), which cannot be stored"));
    }

    @Test
    void aLoneSurrogateIsRefusedWhetherEscapedOrRawBytes() {
        byte[] escaped = ("{\"eventTime\":\"2026-11-20T08:00:00Z\",\"producer\":\"p\",\"run\":{\"runId\":\"" + RUN
                        + "\"},\"job\":{\"namespace\":\"ns\",\"name\":\"bad\\ud800\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] raw = new String(escaped, StandardCharsets.UTF_8)
                .replace("bad\\ud800", "bad#")
                .getBytes(StandardCharsets.UTF_8);
        int hash = indexOf(raw, (byte) '#');
        byte[] rawSurrogate = new byte[raw.length + 2];
        System.arraycopy(raw, 0, rawSurrogate, 0, hash);
        rawSurrogate[hash] = (byte) 0xED;
        rawSurrogate[hash + 1] = (byte) 0xA0;
        rawSurrogate[hash + 2] = (byte) 0x80;
        System.arraycopy(raw, hash + 1, rawSurrogate, hash + 3, raw.length - hash - 1);

        for (byte[] body : List.of(escaped, rawSurrogate)) {
            assertThat(errors(EventParser.readTree(body)))
                    .containsExactly(new FieldError(
                            "job.name", "holds a lone UTF-16 surrogate (\\uD800), which is not a character"));
        }
        ObjectNode paired = event();
        paired.with("job").put("name", "emoji \uD83D\uDE00");
        assertThat(errors(paired)).isEmpty();
    }

    @Test
    void aNumberBeyondADoubleIsRefused() throws IOException {
        JsonNode event = JSON.readTree(event().toString().replace("\"producer\"", "\"size\":1e400,\"producer\""));

        assertThat(errors(event)).containsExactly(new FieldError("size", "is a number beyond the range of a double"));
    }

    @Test
    void eventTimesOutsideTheRangeAreRefused() {
        for (String time : List.of(
                "0000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z",
                "1899-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z")) {
            ObjectNode event = event();
            event.put("eventTime", time);
            assertThat(errors(event)).extracting(FieldError::field).as(time).containsExactly("eventTime");
        }
        for (String time : List.of("1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00")) {
            ObjectNode event = event();
            event.put("eventTime", time);
            assertThat(errors(event)).as(time).isEmpty();
        }
    }

    @Test
    void nominalTimesMustBeInRangeToo() {
        ObjectNode event = event();
        ObjectNode nominal = event.with("run").with("facets").with("nominalTime");
        nominal.put("nominalStartTime", "tomorrow");
        nominal.put("nominalEndTime", "+999999999-12-31T23:59:59Z");

        assertThat(errors(event))
                .as("an unreadable nominal time is left out by the projection, not refused")
                .extracting(FieldError::field)
                .containsExactly("run.facets.nominalTime.nominalEndTime");
    }

    @Test
    void namesNamespacesAndFieldsHaveByteLimits() {
        ObjectNode event = event();
        event.with("job").put("name", "j".repeat(EventLimits.MAX_NAME_BYTES));
        event.with("job").put("namespace", "n".repeat(EventLimits.MAX_NAMESPACE_BYTES));
        ObjectNode output = event.withArray("outputs").addObject();
        output.put("namespace", "s3://bucket").put("name", "/" + "k".repeat(1_023));
        assertThat(errors(event)).isEmpty();

        event.with("job").put("name", "é".repeat(EventLimits.MAX_NAME_BYTES / 2 + 1));
        event.with("job").put("namespace", "n".repeat(EventLimits.MAX_NAMESPACE_BYTES + 1));
        ObjectNode field =
                output.with("facets").with("columnLineage").with("fields").with("c".repeat(1_001));
        ObjectNode input = field.withArray("inputFields").addObject();
        input.put("namespace", "ns").put("name", "t".repeat(1_501)).put("field", "f");
        input.withArray("transformations").addObject().put("type", "DIRECT").put("subtype", "x".repeat(101));

        String fields = "outputs[0].facets.columnLineage.fields." + "c".repeat(1_001);
        assertThat(errors(event))
                .containsExactly(
                        new FieldError(
                                "job.namespace",
                                "is 513 bytes long; a namespace may hold at most 512 bytes" + " (UTF-8)"),
                        new FieldError("job.name", "is 1502 bytes long; a name may hold at most 1500 bytes (UTF-8)"),
                        new FieldError(fields, "is 1001 bytes long; a field name may hold at most 1000 bytes (UTF-8)"),
                        new FieldError(
                                fields + ".inputFields[0].name",
                                "is 1501 bytes long; this value may hold at most 1500 bytes (UTF-8)"),
                        new FieldError(
                                fields + ".inputFields[0].transformations[0].subtype",
                                "is 101 bytes long; this value may hold at most 100 bytes (UTF-8)"));
    }

    @Test
    void runIdsAreExactlyEightFourFourFourTwelveHexDigits() {
        assertThat(EventLimits.runId("0193A5B0-0000-7000-8000-00000000A001")).contains(RUN);
        assertThat(EventLimits.runId(RUN.toString())).contains(RUN);
        for (String bad : List.of(
                "1-1-1-1-1",
                "0193a5b0-0000-7000-8000-00000000a0011",
                "0193a5b00-000-7000-8000-00000000a001",
                "0193a5b0-0000-7000-8000-00000000a00g",
                "{0193a5b0-0000-7000-8000-00000000a001}",
                "")) {
            assertThat(EventLimits.runId(bad)).as(bad).isEmpty();
        }

        ObjectNode upper = event();
        upper.with("run").put("runId", "0193A5B0-0000-7000-8000-00000000A001");
        assertThat(EventParser.parse(upper, "").runId()).contains(RUN);
        assertThat(EventParser.parse(upper, "").runId().orElseThrow().toString())
                .isEqualTo("0193a5b0-0000-7000-8000-00000000a001");

        ObjectNode shortGroups = event();
        shortGroups.with("run").put("runId", "1-1-1-1-1");
        assertThat(errors(shortGroups)).extracting(FieldError::field).containsExactly("run.runId");
        ObjectNode badParent = event();
        badParent.with("run").with("facets").with("parent").with("run").put("runId", "2-2-2-2-2");
        assertThat(errors(badParent)).extracting(FieldError::field).containsExactly("run.facets.parent.run.runId");
        ObjectNode unreadableParent = event();
        unreadableParent.with("run").with("facets").with("parent").with("run").put("runId", "not-a-uuid");
        assertThat(errors(unreadableParent))
                .as("left out by the projection, not refused")
                .isEmpty();
    }

    @Test
    void aBatchElementsPathPrefixesEveryField() {
        ObjectNode event = event();
        event.with("job").put("name", "a\u0000");
        event.put("eventTime", "0000-01-01T00:00:00Z");

        assertThatThrownBy(() -> EventParser.parse(event, "[3]"))
                .isInstanceOfSatisfying(LineageException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_EVENT);
                    assertThat(refusal.errors())
                            .extracting(FieldError::field)
                            .containsExactly("[3].job.name", "[3].eventTime");
                });
    }

    @Test
    void limitsAreReportedBesideTheSpecsErrors() {
        ObjectNode event = event();
        event.put("eventTime", "+999999999-12-31T23:59:59Z");
        event.with("run").put("runId", "1-1-1-1-1");
        event.with("job").put("namespace", "a\u0000");

        assertThat(errors(event))
                .extracting(FieldError::field)
                .containsExactly("job.namespace", "run.runId", "eventTime");
    }

    @Test
    void trinoQueryEventsGoThroughTheSameCheck() {
        TrinoEventMapper mapper = new TrinoEventMapper(
                TrinoClusters.fixed(Optional.empty()), new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES));
        String file = TrinoCaptures.http().get(0);
        ObjectNode body = (ObjectNode) TrinoCaptures.json(file);
        body.with("metadata").put("query", "SELECT 1 -- \u0000");

        assertThatThrownBy(() -> mapper.map(body))
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.errors())
                        .extracting(FieldError::field)
                        .contains("metadata.query"));
    }

    @Test
    void valuesNestedDeeperThanAHundredLevelsAreRefusedOnce() throws IOException {
        String deep = "[".repeat(150) + "1" + "]".repeat(150);
        JsonNode event =
                JSON.readTree(event().toString().replace("\"producer\"", "\"deep\":" + deep + ",\"producer\""));
        String shallow = "[".repeat(90) + "1" + "]".repeat(90);
        JsonNode fine =
                JSON.readTree(event().toString().replace("\"producer\"", "\"deep\":" + shallow + ",\"producer\""));

        assertThat(errors(event)).hasSize(1).first().satisfies(error -> {
            assertThat(error.field()).startsWith("deep[0][0]");
            assertThat(error.message()).isEqualTo("nests deeper than 100 levels");
        });
        assertThat(errors(fine)).isEmpty();
    }

    @Test
    void anyIsoOffsetIsHeldAsTheInstantInUtc() {
        ObjectNode event = event();
        event.put("eventTime", "2026-11-20T08:00:00+18:00");

        assertThat(EventParser.parse(event, "").eventTime()).hasToString("2026-11-19T14:00Z");
    }

    private static List<FieldError> errors(JsonNode event) {
        try {
            EventParser.parse(event, "");
            return List.of();
        } catch (LineageException refusal) {
            return refusal.errors();
        }
    }

    private static ObjectNode event() {
        return TestEvents.runEvent("START", "2026-11-20T08:00:00Z", RUN, "ns", "job");
    }

    private static List<JsonNode> fixtureEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (String fixture : OPEN_LINEAGE_FIXTURES) {
            try (InputStream in = EventLimitsTest.class.getResourceAsStream("/fixtures/openlineage/" + fixture)) {
                JsonNode tree = JSON.readTree(in);
                if (tree.isArray()) {
                    tree.forEach(events::add);
                } else {
                    events.add(tree);
                }
            } catch (IOException exception) {
                throw new IllegalStateException(fixture, exception);
            }
        }
        TrinoCaptures.openLineage().forEach(file -> events.add(TrinoCaptures.json(file)));
        return events;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int at = 0; at < bytes.length; at++) {
            if (bytes[at] == wanted) {
                return at;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
