package lineage.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 86 payloads a real Trino 476 sent from both event listeners ({@code fixtures/trino/476}), by the names its
 * {@code INDEX.md} lists, in arrival order ({@code NNN-…}).
 */
public final class TrinoCaptures {
    private static final Pattern FILE =
            Pattern.compile("\\d{3}-(http-query-(created|completed)|openlineage-[A-Z]+)\\.json");

    private TrinoCaptures() {}

    /** Every capture file, in arrival order. */
    public static List<String> all() {
        Matcher matcher = FILE.matcher(read("INDEX.md"));
        TreeSet<String> files = new TreeSet<>();
        while (matcher.find()) {
            files.add(matcher.group());
        }
        return List.copyOf(files);
    }

    /** The HTTP listener's captures, in arrival order. */
    public static List<String> http() {
        return all().stream().filter(TrinoCaptures::isHttp).toList();
    }

    /** The OpenLineage listener's captures, in arrival order. */
    public static List<String> openLineage() {
        return all().stream().filter(file -> !isHttp(file)).toList();
    }

    public static boolean isHttp(String file) {
        return file.contains("-http-");
    }

    public static String read(String file) {
        try (InputStream in = TrinoCaptures.class.getResourceAsStream("/fixtures/trino/476/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    public static JsonNode json(String file) {
        return ServerClient.json(read(file));
    }
}
