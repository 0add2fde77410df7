package lineage.server.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

class SkippedNodesTest {
    @Test
    void eachSkippedNodeIsCountedUnderItsAnswer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SkippedNodes skipped = new SkippedNodes(registry);

        try (SkippedNodes.Answer answer = skipped.answer("lineage")) {
            answer.skip(NodeId.dataset("ns", "a"), new IllegalArgumentException("bad a"));
            answer.skip(NodeId.dataset("ns", "b"), new IllegalArgumentException("bad b"));
        }
        try (SkippedNodes.Answer answer = skipped.answer("domains")) {
            answer.skip("job:ns:c", new IllegalStateException("bad c"));
        }
        try (SkippedNodes.Answer answer = skipped.answer("lineage")) {
            assertThat(answer).isNotNull();
        }

        assertThat(registry.get("lineage.read.nodes.skipped")
                        .tag("answer", "lineage")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("lineage.read.nodes.skipped")
                        .tag("answer", "domains")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }
}
