package lineage.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Values a hostile or broken client sends where an event or a request parameter expects something sensible: wrong
 * types, characters PostgreSQL cannot store, extreme numbers and dates, malformed ids, huge and deep values. Used by
 * the fuzz suite; each pick depends only on the {@link Random} it is given, so a seed replays it.
 */
public final class HostileValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Text that breaks storage or parsing: NUL, lone surrogates, controls, markup, separators of our own ids. */
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\ud800",
            "x\udfffy",
            "\udbff\udbff",
            "\uffff",
            "\ufeffbom",
            "\u202eevil",
            "😀.🙈.🙉",
            "tab\tnew\nline\rret",
            "%00%ff%2F..%2f",
            "../../etc/passwd",
            "a:b:c:d",
            "dataset:ns:name",
            "trino://",
            " .public.u",
            "..",
            "'; DROP TABLE lineage_events; --",
            "<script>alert(1)</script>",
            "\\",
            "\"quoted\"",
            "null",
            "NaN",
            "İstanbul.ǅ.ß");

    /** Date-times outside every sane range, or not date-times at all. */
    static final List<String> DATES = List.of(
            "0000-01-01T00:00:00Z",
            "-000001-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "1899-12-31T23:59:59Z",
            "1900-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-20T08:00:00+18:00",
            "2026-11-20T08:00:00-18:00",
            "2026-11-20T08:00:00",
            "2026-11-20",
            "1970-01-01T00:00:00Z",
            "now",
            "2026-11-20T25:61:61Z");

    /** Run ids: short groups, long groups, upper case, nil, not hex. */
    static final List<String> RUN_IDS = List.of(
            "1-1-1-1-1",
            "00000000-0000-0000-0000-000000000000",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            "0193A5B0-0000-7000-8000-00000000A001",
            "0193a5b0-0000-7000-8000-00000000a0011234",
            "0193a5b00-000-7000-8000-00000000a001",
            "g193a5b0-0000-7000-8000-00000000a001",
            "0193a5b000007000800000000000a001",
            "{0193a5b0-0000-7000-8000-00000000a001}");

    private HostileValues() {}

    /** Any hostile JSON value: a wrong type, a bad string, an extreme number or date, or a huge or deep value. */
    public static JsonNode anyValue(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> wrongType(random);
            case 1, 2 -> NODES.textNode(string(random));
            case 3 -> NODES.textNode(pick(random, DATES));
            case 4 -> NODES.textNode(pick(random, RUN_IDS));
            case 5 -> number(random);
            case 6 -> NODES.textNode(longString(random));
            case 7 -> wide(random);
            case 8 -> NODES.textNode(DeepJson.MARKER);
            default -> hostileObject(random);
        };
    }

    /** A string for a name, parameter or key: hostile text, sometimes long, sometimes wrapped in a plain one. */
    public static String string(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> longString(random);
            case 1 -> "name_" + pick(random, STRINGS) + "_" + random.nextInt(1000);
            default -> pick(random, STRINGS);
        };
    }

    /** Strings from 1 KB to 1 MB: around PostgreSQL's index row limit, and far beyond it. */
    static String longString(Random random) {
        int[] lengths = {1_000, 1_400, 2_000, 2_800, 3_000, 10_000, 100_000, 1_048_576};
        int length = lengths[random.nextInt(random.nextInt(20) == 0 ? lengths.length : lengths.length - 2)];
        char filler = random.nextBoolean() ? 'a' : 'é';
        return String.valueOf(filler).repeat(length);
    }

    static JsonNode wrongType(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(3) - 1);
            case 3 -> NODES.arrayNode();
            case 4 -> NODES.objectNode();
            case 5 -> NODES.arrayNode().add("a").add(1).add(NODES.objectNode());
            default -> NODES.numberNode(1.5);
        };
    }

    static JsonNode number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(Double.MAX_VALUE);
            case 1 -> NODES.numberNode(-Double.MAX_VALUE);
            case 2 -> NODES.numberNode(Long.MIN_VALUE);
            case 3 -> NODES.numberNode(new BigInteger("9".repeat(400)));
            case 4 -> NODES.numberNode(new BigDecimal("1e-400"));
            default -> NODES.numberNode(Integer.MAX_VALUE);
        };
    }

    /** An array or object of thousands of members. */
    static JsonNode wide(Random random) {
        int size = random.nextBoolean() ? 1_000 : 20_000;
        if (random.nextBoolean()) {
            ArrayNode array = NODES.arrayNode();
            for (int index = 0; index < size; index++) {
                array.add("v" + index);
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (int index = 0; index < size; index++) {
            object.put("k" + index, index);
        }
        return object;
    }

    /** An object whose keys are hostile strings (NUL, surrogates, empty, long). */
    static JsonNode hostileObject(Random random) {
        ObjectNode object = NODES.objectNode();
        for (int count = 1 + random.nextInt(3); count > 0; count--) {
            String key = random.nextInt(4) == 0 ? longString(random) : pick(random, STRINGS);
            object.set(key, random.nextBoolean() ? NODES.textNode(pick(random, STRINGS)) : wrongType(random));
        }
        return object;
    }

    public static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
