package lineage.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
}
