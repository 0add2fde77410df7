package lineage.server.testing;

import java.util.List;
import java.util.Random;

/**
 * Reads with hostile query parameters and path segments: every read endpoint, each parameter a hostile string, date,
 * number or node id, percent-encoded as a client would (lone surrogates as their three UTF-8-like bytes, sometimes
 * raw invalid bytes).
 */
public final class HostileReads {
    /** Templates: {@code {s}} a string, {@code {p}} a path segment, {@code {d}} a date, {@code {n}} a number. */
    private static final List<String> TEMPLATES = List.of(
            "/api/v1/lineage?nodeId={s}&depth={n}&direction={s}",
            "/api/v1/lineage?nodeId={node}&depth={n}&asOf={d}&includeStale={s}&domain={s}",
            "/api/v1/lineage/export?nodeId={node}&format={s}&asOf={d}",
            "/api/v1/column-lineage?nodeId={s}&depth={n}&withDownstream={s}&asOf={d}",
            "/api/v1/impact?nodeId={node}&column={s}&depth={n}&asOf={d}&paths={s}&domain={s}",
            "/api/v1/search?q={s}&filter={s}&sort={s}&limit={n}&namespace={s}",
            "/api/v1/namespaces?limit={n}&offset={n}",
            "/api/v1/namespaces/{p}",
            "/api/v1/namespaces/{p}/jobs?limit={n}&offset={n}",
            "/api/v1/namespaces/{p}/jobs/{p}",
            "/api/v1/namespaces/{p}/jobs/{p}/runs?limit={n}&offset={n}",
            "/api/v1/namespaces/{p}/datasets?limit={n}&offset={n}",
            "/api/v1/namespaces/{p}/datasets/{p}",
            "/api/v1/namespaces/{p}/datasets/{p}/versions?limit={n}&offset={n}",
            "/api/v1/jobs/runs/{p}",
            "/api/v1/jobs/runs/{p}/facets?type={s}",
            "/api/v1/events/lineage?before={d}&after={d}&sortDirection={s}&limit={n}&offset={n}",
            "/api/v1/domains?asOf={d}",
            "/api/v1/domains/graph?asOf={d}",
            "/api/v1/tags",
            "/api/v1/aliases",
            "/{p}");

    private static final List<String> NUMBERS = List.of(
            "-1", "0", "1", "20", "1000", "1001", "2147483648", "99999999999999999999", "1e3", "abc", "", " 5", "0x10");

    private static final List<String> NODES = List.of(
            "dataset:ns:name",
            "job:ns:name",
            "dataset:trino://localhost:8085:paymentsdb.public.payments",
            "datasetField:ns:name:field",
            "dataset::",
            "job:",
            ":::");

    private HostileReads() {}

    static FuzzRequest request(Random random) {
        String template = HostileValues.pick(random, TEMPLATES);
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                path.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            path.append(template, at, open).append(value(template.substring(open + 1, close), random));
            at = close + 1;
        }
        return FuzzRequest.get(path.toString(), "read " + template);
    }

    private static String value(String kind, Random random) {
        return switch (kind) {
            case "n" -> encode(HostileValues.pick(random, NUMBERS));
            case "d" -> encode(HostileValues.pick(random, HostileValues.DATES));
            case "node" -> encode(HostileValues.pick(random, NODES) + (random.nextBoolean() ? "" : readString(random)));
            case "p" -> random.nextInt(10) == 0 ? "%ff%fe" : encode(readString(random));
            default -> encode(readString(random));
        };
    }

    /** A hostile string short enough for a URL most of the time; sometimes far longer than a request line may be. */
    private static String readString(Random random) {
        if (random.nextInt(40) == 0) {
            return "q".repeat(random.nextBoolean() ? 5_000 : 70_000);
        }
        String value = HostileValues.pick(random, HostileValues.STRINGS);
        return random.nextInt(4) == 0 ? HostileValues.pick(random, HostileValues.RUN_IDS) : value;
    }

    /** Percent-encodes every byte but unreserved characters; a lone surrogate becomes its three bytes. */
    public static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte value : RequestFuzzer.bytes(text)) {
            int unsigned = value & 0xff;
            if ((unsigned >= 'a' && unsigned <= 'z')
                    || (unsigned >= 'A' && unsigned <= 'Z')
                    || (unsigned >= '0' && unsigned <= '9')
                    || "-._~".indexOf(unsigned) >= 0) {
                encoded.append((char) unsigned);
            } else {
                encoded.append('%').append(String.format("%02X", unsigned));
            }
        }
        return encoded.toString();
    }
}
