package lineage.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lineage.server.testing.ServerClient;

/**
 * Marquez's JSON shapes ({@code marquez/contract.json}: named types, each a map of field name to type) and the check
 * of an answer against one of them. A type is {@code string}, {@code integer}, {@code number}, {@code boolean},
 * {@code object} (any object), {@code array} (any array), {@code any}, {@code array<T>}, {@code map<T>}, a named type, or alternatives joined by
 * {@code " | "}, of which {@code null} allows a JSON null and {@code absent} a missing key. Fields beyond a named type's
 * are allowed: the contract is that every field Marquez has is there, with a type a Marquez client can read.
 */
final class MarquezShapes {
    private static final String NULL = "null";
    private static final String ABSENT = "absent";

    private final JsonNode document;
    private final JsonNode types;

    private MarquezShapes(JsonNode document) {
        this.document = document;
        this.types = document.path("types");
    }

    /** The contract on the class path, {@code /marquez/contract.json}. */
    static MarquezShapes contract() {
        return new MarquezShapes(resource("/marquez/contract.json"));
    }

    JsonNode document() {
        return document;
    }

    /**
     * The mismatches of {@code node} (null when the key is missing) with {@code type}, each as {@code <path>: expected
     * <type>, found <what>}; the same mismatch in many elements of an array is reported once, at its first element,
     * with how many elements have it. Empty when the node has the shape.
     */
    List<String> mismatches(JsonNode node, String type, String path) {
        List<Mismatch> found = new ArrayList<>();
        check(node, type, path, found);
        return summary(found.stream().map(Mismatch::text).toList());
    }

    /**
     * Messages about paths ({@code $.a[3].b: ...}), each said once for all the array elements it is about: the first,
     * with how many more.
     */
    static List<String> summary(List<String> messages) {
        Map<String, List<String>> byShape = new LinkedHashMap<>();
        for (String message : messages) {
            byShape.computeIfAbsent(message.replaceAll("\\[\\d+]", "[]"), key -> new ArrayList<>())
                    .add(message);
        }
        List<String> summary = new ArrayList<>();
        byShape.values()
                .forEach(same -> summary.add(
                        same.get(0) + (same.size() > 1 ? " (and " + (same.size() - 1) + " more like it)" : "")));
        return summary;
    }

    private void check(JsonNode node, String type, String path, List<Mismatch> found) {
        List<String> alternatives = alternatives(type);
        if (node == null || node.isMissingNode()) {
            if (!alternatives.contains(ABSENT)) {
                found.add(new Mismatch(path, type, "no such key"));
            }
            return;
        }
        if (node.isNull()) {
            if (!alternatives.contains(NULL)) {
                found.add(new Mismatch(path, type, NULL));
            }
            return;
        }
        List<Try> tries = new ArrayList<>();
        for (String alternative : alternatives) {
            if (alternative.equals(NULL) || alternative.equals(ABSENT)) {
                continue;
            }
            List<Mismatch> mismatches = new ArrayList<>();
            checkOne(node, alternative, path, mismatches);
            if (mismatches.isEmpty()) {
                return;
            }
            tries.add(new Try(keysInCommon(node, alternative), mismatches));
        }
        if (tries.isEmpty()) {
            found.add(new Mismatch(path, type, describe(node)));
            return;
        }
        // The alternative the answer was meant to be: the named type most of whose fields it has, then the closest.
        found.addAll(tries.stream()
                .min(Comparator.comparingInt((Try attempt) -> -attempt.keysInCommon())
                        .thenComparingInt(attempt -> attempt.mismatches().size()))
                .orElseThrow()
                .mismatches());
    }

    /** How many of a named type's fields an object has (0 for other types). */
    private int keysInCommon(JsonNode node, String type) {
        int common = 0;
        Iterator<String> names = types.path(type).path("fields").fieldNames();
        while (names.hasNext()) {
            common += node.has(names.next()) ? 1 : 0;
        }
        return common;
    }

    private void checkOne(JsonNode node, String type, String path, List<Mismatch> found) {
        if (type.startsWith("array<")) {
            if (!node.isArray()) {
                found.add(new Mismatch(path, type, describe(node)));
                return;
            }
            String element = inner(type);
            for (int index = 0; index < node.size(); index++) {
                check(node.get(index), element, path + "[" + index + "]", found);
            }
            return;
        }
        if (type.startsWith("map<")) {
            if (!node.isObject()) {
                found.add(new Mismatch(path, type, describe(node)));
                return;
            }
            String value = inner(type);
            node.fields().forEachRemaining(entry -> check(entry.getValue(), value, path + "." + entry.getKey(), found));
            return;
        }
        boolean matches =
                switch (type) {
                    case "string" -> node.isTextual();
                    case "integer" -> node.isIntegralNumber();
                    case "number" -> node.isNumber();
                    case "boolean" -> node.isBoolean();
                    case "object" -> node.isObject();
                    case "array" -> node.isArray();
                    case "any" -> true;
                    default -> checkNamed(node, type, path, found);
                };
        if (!matches) {
            found.add(new Mismatch(path, type, describe(node)));
        }
    }

    /** A named type: an object holding each of its fields; false (one mismatch, by the caller) if not an object. */
    private boolean checkNamed(JsonNode node, String name, String path, List<Mismatch> found) {
        JsonNode named = types.path(name);
        if (!named.isObject()) {
            throw new IllegalArgumentException("contract.json has no type " + name + " (at " + path + ")");
        }
        if (!node.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = named.path("fields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            check(node.get(field.getKey()), field.getValue().asText(), path + "." + field.getKey(), found);
        }
        return true;
    }

    /** The alternatives of {@code a | b | c}, at the top level (not inside {@code <...>}). */
    static List<String> alternatives(String type) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int index = 0; index < type.length(); index++) {
            char character = type.charAt(index);
            if (character == '<') {
                depth++;
            } else if (character == '>') {
                depth--;
            } else if (character == '|' && depth == 0) {
                alternatives.add(type.substring(start, index).trim());
                start = index + 1;
            }
        }
        alternatives.add(type.substring(start).trim());
        return alternatives;
    }

    private static String inner(String type) {
        return type.substring(type.indexOf('<') + 1, type.lastIndexOf('>')).trim();
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isObject() ? "an object" : node.getNodeType().toString();
    }

    static JsonNode resource(String path) {
        try (InputStream in = MarquezShapes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the class path");
            }
            return ServerClient.json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private record Try(int keysInCommon, List<Mismatch> mismatches) {}

    /** One mismatch. */
    private record Mismatch(String path, String expected, String found) {
        String text() {
            return path + ": expected " + expected + ", found " + found;
        }
    }
}
