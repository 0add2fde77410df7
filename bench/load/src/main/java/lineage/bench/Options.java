package lineage.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A generator's command line: {@code --name value} pairs. */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] arguments) {
        Map<String, String> values = new HashMap<>();
        for (int index = 0; index + 1 < arguments.length; index += 2) {
            if (!arguments[index].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + arguments[index]);
            }
            values.put(arguments[index].substring(2), arguments[index + 1]);
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, String.valueOf(fallback)));
    }

    Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
