package lineage.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the requests of the fuzz suite from valid seeds: OpenLineage events mutated at every path (hostile values,
 * removed fields, hostile keys), batches of them, their bytes corrupted or wrongly encoded, Trino query events and
 * schema-change requests mutated the same way, and reads with hostile parameters and path segments. Request {@code i}
 * of seed {@code s} is always the same request, so a failure replays from the two numbers alone.
 */
public final class RequestFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ESCAPING = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

    private final List<ObjectNode> events;
    private final List<ObjectNode> trinoEvents;
    private final long seed;

    public RequestFuzzer(List<ObjectNode> events, List<ObjectNode> trinoEvents, long seed) {
        this.events = List.copyOf(events);
        this.trinoEvents = List.copyOf(trinoEvents);
        this.seed = seed;
    }

    /** The request with this index. */
    public FuzzRequest request(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        int family = random.nextInt(100);
        if (family < 35) {
            return singleEvent(random);
        }
        if (family < 45) {
            return batch(random);
        }
        if (family < 55) {
            return corruptedBytes(random);
        }
        if (family < 60) {
            return trinoEvent(random);
        }
        if (family < 65) {
            return schemaChange(random);
        }
        if (family < 68) {
            return alias(random);
        }
        return HostileReads.request(random);
    }

    private FuzzRequest singleEvent(Random random) {
        ObjectNode event = mutatedEvent(random);
        String text = DeepJson.expand(write(event, random), random);
        return new FuzzRequest(
                "POST", "/api/v1/lineage", JSON_TYPE, bytes(text), "event " + describe(event), reads(event));
    }

    private FuzzRequest batch(Random random) {
        ArrayNode batch = NODES.arrayNode();
        int size = random.nextInt(12);
        for (int count = 0; count < size; count++) {
            batch.add(random.nextInt(8) == 0 ? HostileValues.anyValue(random) : mutatedEvent(random));
        }
        String text = DeepJson.expand(write(batch, random), random);
        return new FuzzRequest("POST", "/api/v1/lineage", JSON_TYPE, bytes(text), "batch of " + size, List.of());
    }

    /** A valid or mutated event whose bytes are broken, compressed or encoded in a way the header may not say. */
    private FuzzRequest corruptedBytes(Random random) {
        ObjectNode event = random.nextBoolean() ? fresh(random) : mutatedEvent(random);
        byte[] body = bytes(write(event));
        return switch (random.nextInt(9)) {
            case 0 -> post(truncate(body, random), JSON_TYPE, "truncated body");
            case 1 -> post(flipBytes(body, random), JSON_TYPE, "flipped bytes");
            case 2 -> post(invalidUtf8(body, random), JSON_TYPE, "invalid UTF-8 in a string");
            case 3 -> post(gzip(body), Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), "gzip");
            case 4 -> post(body, Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), "fake gzip");
            case 5 -> post(
                    truncate(gzip(body), random),
                    Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                    "truncated gzip");
            case 6 -> post(body, Map.of("Content-Type", "application/json", "Content-Encoding", "br"), "brotli");
            case 7 -> post(write(event).getBytes(StandardCharsets.UTF_16), JSON_TYPE, "UTF-16 body");
            default -> post(body, Map.of("Content-Type", HostileValues.pick(random, CONTENT_TYPES)), "content type");
        };
    }

    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=latin1",
            "application/json; charset=nonsense",
            "*/*",
            "");

    private FuzzRequest trinoEvent(Random random) {
        ObjectNode event = trinoEvents.get(random.nextInt(trinoEvents.size())).deepCopy();
        JsonMutations.mutate(event, random, 1 + random.nextInt(3));
        String text = DeepJson.expand(write(event), random);
        return new FuzzRequest("POST", "/api/v1/trino/events", JSON_TYPE, bytes(text), "trino event", List.of());
    }

    private FuzzRequest schemaChange(Random random) {
        ObjectNode request = NODES.objectNode();
        if (random.nextBoolean()) {
            request.put("ddl", "ALTER TABLE paymentsdb.public.payments DROP COLUMN amount");
        } else {
            request.putArray("changes")
                    .addObject()
                    .put("kind", "DROP_COLUMN")
                    .put("dataset", "paymentsdb.public.payments")
                    .put("column", "amount");
        }
        JsonMutations.mutate(request, random, 1 + random.nextInt(2));
        String text = DeepJson.expand(write(request), random);
        return new FuzzRequest(
                "POST", "/api/v1/impact/schema-change", JSON_TYPE, bytes(text), "schema change", List.of());
    }

    /** An operator's alias, mutated: {@code PUT /api/v1/aliases}. */
    private FuzzRequest alias(Random random) {
        ObjectNode request = NODES.objectNode();
        request.putObject("alias")
                .put("namespace", "postgres://warehouse:5432")
                .put("name", "public.orders_" + random.nextInt(50));
        request.putObject("canonical").put("namespace", "trino://trino:8080").put("name", "ordersdb.public.orders");
        JsonMutations.mutate(request, random, 1 + random.nextInt(2));
        String text = DeepJson.expand(write(request), random);
        return new FuzzRequest("PUT", "/api/v1/aliases", JSON_TYPE, bytes(text), "alias", List.of());
    }

    /** A seed event, half the time with a run id of its own so that it is stored as a new event. */
    private ObjectNode fresh(Random random) {
        ObjectNode event = events.get(random.nextInt(events.size())).deepCopy();
        if (random.nextBoolean() && event.path("run").isObject()) {
            ((ObjectNode) event.get("run")).put("runId", new UUID(random.nextLong(), random.nextLong()).toString());
        }
        return event;
    }

    private ObjectNode mutatedEvent(Random random) {
        ObjectNode event = fresh(random);
        JsonMutations.mutate(event, random, 1 + random.nextInt(3));
        return event;
    }

    /** The reads that must answer 200 once the event is accepted: its run, and its job or dataset by name. */
    private static List<String> reads(ObjectNode event) {
        List<String> reads = new ArrayList<>();
        JsonNode runId = event.path("run").path("runId");
        if (runId.isTextual()) {
            reads.add("/api/v1/jobs/runs/" + HostileReads.encode(runId.asText()));
        }
        JsonNode job = event.path("job");
        if (job.path("namespace").isTextual() && job.path("name").isTextual() && !isTrino(event)) {
            reads.add("/api/v1/namespaces/"
                    + HostileReads.encode(job.get("namespace").asText()) + "/jobs/"
                    + HostileReads.encode(job.get("name").asText()));
        }
        return reads;
    }

    /**
     * Trino's jobs are not read back by the name sent: Trino namespaces are rewritten (aliases of one cluster), and the
     * events of Trino's OpenLineage listener get job names derived from their query (the query id is not a name).
     */
    private static boolean isTrino(JsonNode event) {
        return event.path("job").path("namespace").asText().startsWith("trino://")
                || event.path("producer").asText().startsWith("https://github.com/trinodb/trino");
    }

    private static String describe(ObjectNode event) {
        String text = write(event);
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }

    private static FuzzRequest post(byte[] body, Map<String, String> headers, String description) {
        return new FuzzRequest("POST", "/api/v1/lineage", headers, body, description, List.of());
    }

    private static byte[] truncate(byte[] body, Random random) {
        return java.util.Arrays.copyOf(body, random.nextInt(Math.max(1, body.length)));
    }

    private static byte[] flipBytes(byte[] body, Random random) {
        byte[] copy = body.clone();
        for (int count = 1 + random.nextInt(4); count > 0 && copy.length > 0; count--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** Replaces a byte inside the text with a byte sequence that is not UTF-8 (or is a UTF-8-encoded surrogate). */
    private static byte[] invalidUtf8(byte[] body, Random random) {
        byte[][] sequences = {
            {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0x80}
        };
        byte[] bad = sequences[random.nextInt(sequences.length)];
        int at = body.length / 2;
        for (int index = at; index < body.length; index++) {
            if (body[index] == 'e' || body[index] == 'a') {
                at = index;
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.write(bad, 0, bad.length);
        out.write(body, at + 1, body.length - at - 1);
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        return out.toByteArray();
    }

    /** UTF-8 of the text; lone surrogates are encoded as their three bytes (what a careless encoder sends). */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char current = text.charAt(index);
            if (Character.isSurrogate(current)
                    && !(Character.isHighSurrogate(current)
                            && index + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(index + 1)))) {
                out.write(0xe0 | (current >> 12));
                out.write(0x80 | ((current >> 6) & 0x3f));
                out.write(0x80 | (current & 0x3f));
            } else if (Character.isHighSurrogate(current)) {
                byte[] pair = text.substring(index, index + 2).getBytes(StandardCharsets.UTF_8);
                out.write(pair, 0, pair.length);
                index++;
            } else {
                byte[] single = String.valueOf(current).getBytes(StandardCharsets.UTF_8);
                out.write(single, 0, single.length);
            }
        }
        return out.toByteArray();
    }

    /** Half the time with every non-ASCII character escaped ({@code \\ud800} rather than its bytes). */
    private static String write(JsonNode node, Random random) {
        try {
            return (random.nextBoolean() ? ESCAPING : JSON).writeValueAsString(node);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
