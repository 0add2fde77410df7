package lineage.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under {@code deploy/} and the YAML and properties readers the tests share. */
final class DeployFiles {
    /** {@code deploy/}: Maven runs the tests with the module's directory as {@code basedir}. */
    static final Path DEPLOY =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    static final Path LOCAL = DEPLOY.resolve("local");
    static final Path COMPOSE = DEPLOY.resolve("compose");
    static final Path CHART = DEPLOY.resolve("helm/lineage-server");

    private DeployFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + file, exception);
        }
    }

    static Map<String, Object> yaml(Path file) {
        return yamlDocuments(read(file)).get(0);
    }

    /** Every non-empty document of a multi-document YAML text, in order; each must be a mapping. */
    static List<Map<String, Object>> yamlDocuments(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Properties properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + file, exception);
        }
        return properties;
    }

    /** The mapping at the path of keys below the node; fails naming the missing key. */
    static Map<String, Object> map(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = requireNonNull(map(current).get(key), "no key " + key);
        }
        if (!(current instanceof Map<?, ?> mapping)) {
            throw new IllegalArgumentException("not a mapping: " + current);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        mapping.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    /** The list at the path of keys below the node. */
    static List<Object> list(Object node, String... keys) {
        Object current = node;
        if (keys.length > 0) {
            Map<String, Object> parent = map(node, Arrays.copyOf(keys, keys.length - 1));
            current = requireNonNull(parent.get(keys[keys.length - 1]), "no key " + keys[keys.length - 1]);
        }
        if (!(current instanceof List<?> items)) {
            throw new IllegalArgumentException("not a list: " + current);
        }
        return new ArrayList<>(items);
    }
}
