package lineage.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeIdTest {
    @Test
    void ordersAsTheIdsAsStringsDo() {
        // Namespaces that hold ':' and '/', and names and namespaces that are prefixes of each other, where comparing
        // part by part and comparing the joined id differ.
        List<String> namespaces = List.of("trino", "trino:", "trino://host:8080", "trino://host", "t", "trino0", "a:b");
        List<String> names = List.of("a", "a.b", "ab", "a:", "b", "A", "é");
        List<NodeId> nodes = new ArrayList<>();
        for (String namespace : namespaces) {
            for (String name : names) {
                nodes.add(NodeId.dataset(namespace, name));
                nodes.add(NodeId.job(namespace, name));
                nodes.add(NodeId.field(namespace, name, "x"));
                nodes.add(NodeId.field(namespace, name, "x:y"));
            }
        }

        for (NodeId left : nodes) {
            for (NodeId right : nodes) {
                assertThat(Integer.signum(left.compareTo(right)))
                        .as("%s vs %s", left, right)
                        .isEqualTo(Integer.signum(left.value().compareTo(right.value())));
            }
        }
        assertThat(nodes.stream().sorted().toList())
                .isEqualTo(nodes.stream()
                        .sorted(Comparator.comparing(NodeId::value))
                        .toList());
    }

    @Test
    void structuredNamesSpreadOverHashes() {
        // Generated mesh names: numbered namespaces and numbered tables. The record's polynomial hash gave these
        // thousands of collisions (kafka-2/ds_123 and kafka-1/ds_133 alike), and HashMaps made trees of the buckets.
        Set<Integer> hashes = new HashSet<>();
        Set<Integer> polynomial = new HashSet<>();
        int nodes = 0;
        for (int namespace = 0; namespace < 40; namespace++) {
            for (int table = 0; table < 1_000; table++) {
                NodeId node = NodeId.dataset("kafka-" + namespace, "ds_" + table);
                hashes.add(node.hashCode());
                polynomial.add(((node.type().hashCode() * 31 + node.namespace().hashCode()) * 31
                                        + node.name().hashCode())
                                * 31
                        + Optional.<String>empty().hashCode());
                nodes++;
            }
        }

        assertThat(polynomial.size())
                .as("the record's own hash, for comparison")
                .isLessThan(nodes / 2);
        assertThat(hashes.size()).isGreaterThan(nodes - 5);
    }

    @Test
    void equalIdsHashAlike() {
        assertThat(NodeId.parse("datasetField:trino://h:8080:c.s.t:x").hashCode())
                .isEqualTo(NodeId.field("trino://h:8080", "c.s.t", "x").hashCode());
        assertThat(NodeId.dataset("n", "a").hashCode())
                .isNotEqualTo(NodeId.job("n", "a").hashCode());
    }
}
