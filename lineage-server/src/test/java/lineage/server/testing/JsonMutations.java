package lineage.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a JSON tree in place at random paths: a value replaced by a {@link HostileValues hostile one}, a member
 * removed, or a member with a hostile key added. Half the mutations aim at the fields the server reads (times, ids,
 * names, namespaces, schema fields), the others at any path, facets included.
 */
public final class JsonMutations {
    private static final List<String> READ_FIELDS = List.of(
            "eventTime",
            "eventType",
            "runId",
            "name",
            "namespace",
            "producer",
            "schemaURL",
            "fields",
            "type",
            "nominalStartTime",
            "nominalEndTime",
            "inputFields",
            "field",
            "sql",
            "query",
            "inputs",
            "outputs",
            "job",
            "run",
            "dataset",
            "facets",
            "columnLineage",
            "schema",
            "parent",
            "changes",
            "kind",
            "column",
            "ddl",
            "depth");

    private JsonMutations() {}

    /** Applies {@code count} mutations. */
    public static void mutate(ObjectNode root, Random random, int count) {
        for (int done = 0; done < count; done++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) {
                return;
            }
            List<Slot> aimed = slots.stream()
                    .filter(slot -> READ_FIELDS.contains(slot.key()))
                    .toList();
            Slot slot = HostileValues.pick(random, random.nextBoolean() && !aimed.isEmpty() ? aimed : slots);
            apply(slot, random);
        }
    }

    /** A place in the tree: a member of an object (by key) or an element of an array (by index). */
    private record Slot(JsonNode container, String key, int index) {}

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(key -> {
                slots.add(new Slot(object, key, -1));
                collect(object.get(key), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int index = 0; index < array.size(); index++) {
                slots.add(new Slot(array, "", index));
                collect(array.get(index), slots);
            }
        }
    }

    private static void apply(Slot slot, Random random) {
        int operation = random.nextInt(10);
        if (slot.container() instanceof ObjectNode object) {
            if (operation == 0) {
                object.remove(slot.key());
            } else if (operation == 1) {
                object.set(HostileValues.string(random), HostileValues.anyValue(random));
            } else {
                object.set(slot.key(), HostileValues.anyValue(random));
            }
        } else if (slot.container() instanceof ArrayNode array) {
            if (operation == 0) {
                array.remove(slot.index());
            } else {
                array.set(slot.index(), HostileValues.anyValue(random));
            }
        }
    }
}
