package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import lineage.server.error.FieldError;

/**
 * One pass over a JSON tree for what PostgreSQL cannot store: NUL and lone surrogates in strings and keys, numbers
 * beyond a double's range. The path of a node is built only when it is bad (the walk keeps the keys and indexes on a
 * stack), so a valid event costs one visit per node. Values nested deeper than {@link #MAX_DEPTH} levels are refused
 * (once, at the first such path): no producer nests that deep, and an answer that wraps a stored facet must still be
 * writable (Jackson parses up to 1,000 levels and writes up to 1,000).
 */
final class TreeWalk {
    static final int MAX_DEPTH = 100;

    private final List<FieldError> errors;
    private final List<Object> steps = new ArrayList<>();
    private String root;
    private boolean tooDeep;

    TreeWalk(List<FieldError> errors) {
        this.errors = errors;
    }

    void walk(JsonNode tree, String path) {
        root = path;
        steps.clear();
        tooDeep = false;
        visit(tree);
    }

    private void visit(JsonNode node) {
        if (steps.size() > MAX_DEPTH) {
            if (!tooDeep) {
                tooDeep = true;
                errors.add(new FieldError(path(), "nests deeper than " + MAX_DEPTH + " levels"));
            }
            return;
        }
        if (node.isTextual()) {
            String problem = problem(node.textValue());
            if (problem != null) {
                errors.add(new FieldError(path(), problem));
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                steps.add(field.getKey());
                String problem = problem(field.getKey());
                if (problem != null) {
                    errors.add(new FieldError(path(), "the key " + problem));
                }
                visit(field.getValue());
                steps.remove(steps.size() - 1);
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                steps.add(index);
                visit(node.get(index));
                steps.remove(steps.size() - 1);
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            errors.add(new FieldError(path(), "is a number beyond the range of a double"));
        }
    }

    /** What is wrong with a string, or null. */
    private static String problem(String text) {
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == 0) {
                return "holds a NUL character (\\u0000), which cannot be stored";
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && at + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(at + 1));
                if (!paired) {
                    return String.format("holds a lone UTF-16 surrogate (\\u%04X), which is not a character", (int) c);
                }
                at++;
            }
        }
        return null;
    }

    private String path() {
        StringBuilder path = new StringBuilder(root);
        for (Object step : steps) {
            if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(step((String) step));
            }
        }
        if (path.isEmpty()) {
            return "$";
        }
        return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    /**
     * A key as a path step: {@code .key} when plain, else {@code ["key"]} with control characters, quotes and
     * surrogates written as escapes.
     */
    static String step(String key) {
        boolean plain = !key.isEmpty();
        for (int at = 0; at < key.length() && plain; at++) {
            char c = key.charAt(at);
            plain = Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-';
        }
        if (plain) {
            return "." + key;
        }
        StringBuilder quoted = new StringBuilder("[\"");
        for (int at = 0; at < key.length(); at++) {
            char c = key.charAt(at);
            if (c < 0x20 || Character.isSurrogate(c) || c == '"' || c == '\\') {
                quoted.append(String.format("\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append("\"]").toString();
    }
}
