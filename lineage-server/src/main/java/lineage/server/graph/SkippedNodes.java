package lineage.server.graph;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import lineage.server.model.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes a read could not render: skipped rather than failing the whole answer for their neighbours, counted in
 * {@code lineage.read.nodes.skipped} (tagged by answer) and logged at WARN once per answer that skipped any.
 */
@Singleton
public class SkippedNodes {
    private static final Logger LOG = LoggerFactory.getLogger(SkippedNodes.class);
    private static final int NAMED = 5;

    private final MeterRegistry registry;

    public SkippedNodes(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The skips of one answer; {@link Answer#close} counts and logs them. Not thread-safe: one per request. */
    public Answer answer(String name) {
        return new Answer(name);
    }

    public final class Answer implements AutoCloseable {
        private final String name;
        private final List<String> examples = new ArrayList<>();
        private final Counter counter;
        private RuntimeException first;
        private int skipped;

        private Answer(String name) {
            this.name = name;
            this.counter = Counter.builder("lineage.read.nodes.skipped")
                    .description("Nodes left out of a read answer because they could not be rendered")
                    .tag("answer", name)
                    .register(registry);
        }

        /** Records that {@code node} was left out because of {@code failure}. */
        public void skip(NodeId node, RuntimeException failure) {
            skip(node.value(), failure);
        }

        /** Records that the node named {@code node} was left out because of {@code failure}. */
        public void skip(String node, RuntimeException failure) {
            skipped++;
            counter.increment();
            if (examples.size() < NAMED) {
                examples.add(node);
            }
            if (first == null) {
                first = failure;
            }
        }

        @Override
        public void close() {
            if (skipped > 0) {
                LOG.warn(
                        "The {} answer left out {} node(s) it could not render, such as {}: {}",
                        name,
                        skipped,
                        examples,
                        String.valueOf(first.getMessage()));
            }
        }
    }
}
